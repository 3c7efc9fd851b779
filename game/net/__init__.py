"""The operator link: the secret passage between the kiosk and the hidden operator's console.

``game.net.protocol`` is the pure protocol (messages, limits, codec, pairing proof);
``game.net.link`` is the kiosk's side and ``game.net.client`` the operator's, each with its
sockets on one background thread. docs/operator-protocol.md is the specification.
"""
