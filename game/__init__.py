"""The Mechanical Turk: chess against von Kempelen's 1770 automaton.

The package is organised as DESIGN.md section 3 describes: a pure core (``game.model``,
``game.content``, ``game.net.protocol``), the built-in engine as a separate program
(``game.engine``), move sources (``game.opponents``), the operator link (``game.net``), the
match that ties a game to its move sources (``game.match``), and everything pygame in
``game.ui``, composed by ``game.app``. This module holds only the version.
"""

__version__ = "0.1.0"
