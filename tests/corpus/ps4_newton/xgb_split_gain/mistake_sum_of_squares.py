"""Mistake: sum(g**2) where the formula squares the sum of g."""

import numpy as np

EXPECT = "xgb_split_gain.sum_of_squares"


def xgb_split_gain(g_left, h_left, g_right, h_right, reg_lambda=1.0, gamma=0.0):
    GL2 = np.sum(g_left**2)
    GR2 = np.sum(g_right**2)
    HL = np.sum(h_left)
    HR = np.sum(h_right)
    return 0.5 * (GL2 / (HL + reg_lambda) + GR2 / (HR + reg_lambda) - (GL2 + GR2) / (HL + HR + reg_lambda)) - gamma
