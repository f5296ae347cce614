"""Mistake: gamma is accepted but never subtracted."""

import numpy as np

EXPECT = "xgb_split_gain.ignores_gamma"


def xgb_split_gain(g_left, h_left, g_right, h_right, reg_lambda=1.0, gamma=0.0):
    GL, HL = np.sum(g_left), np.sum(h_left)
    GR, HR = np.sum(g_right), np.sum(h_right)
    return 0.5 * (GL**2 / (HL + reg_lambda) + GR**2 / (HR + reg_lambda) - (GL + GR) ** 2 / (HL + HR + reg_lambda))
