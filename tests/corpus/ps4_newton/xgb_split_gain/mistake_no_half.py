"""Mistake: the bracket is not multiplied by 0.5."""

EXPECT = "xgb_split_gain.missing_half"


def xgb_split_gain(g_left, h_left, g_right, h_right, reg_lambda=1.0, gamma=0.0):
    GL, HL = g_left.sum(), h_left.sum()
    GR, HR = g_right.sum(), h_right.sum()
    return GL**2 / (HL + reg_lambda) + GR**2 / (HR + reg_lambda) - (GL + GR) ** 2 / (HL + HR + reg_lambda) - gamma
