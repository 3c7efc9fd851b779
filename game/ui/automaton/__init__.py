"""The automaton: its rig and arm (inverse kinematics), poses, performances and gestures
(pure arithmetic, tested without pygame), and the view that draws it."""
