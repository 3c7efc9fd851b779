"""Everything pygame-ce: the loop, input, scenes, views, art, text and sound."""
