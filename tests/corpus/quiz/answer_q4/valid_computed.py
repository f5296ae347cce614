"""Valid: the letter computed from the option's position."""

EXPECT = "valid"

options = ["16384", "8192", "1048576", "2048"]
answer_q4 = "ABCD"[options.index(str(2 * 1024 * 8))]
