"""The classroom on the projector: the join panel with its QR code and live counts, the
teacher's controls, the engine playing the visitor's side in a demo, and the crowd's pages
of the reveal. Everything here only shows; decisions are the host's and the platform's."""
