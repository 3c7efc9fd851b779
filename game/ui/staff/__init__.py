"""The staff's screens: the PIN pad, the staff menu and its pages, and the "closed" card."""
