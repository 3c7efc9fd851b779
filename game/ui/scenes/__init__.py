"""The screens and overlays of the game, one scene per module, and the flows that open them
(the reveal's flow and its demonstrations). Scenes use ``game.ui.reveal``'s building blocks;
``game.ui.reveal`` never imports a scene (``lint-imports`` checks it)."""
