"""Valid: a NumPy string scalar."""

EXPECT = "valid"

answer_q9 = np.str_("a")
