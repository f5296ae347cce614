"""Valid: a helper for the leaf score G^2 / (H + lambda)."""

import numpy as np

EXPECT = "valid"


def _score(G, H, lam):
    return G * G / (H + lam)


def xgb_split_gain(g_left, h_left, g_right, h_right, reg_lambda=1.0, gamma=0.0):
    GL, HL = np.sum(g_left), np.sum(h_left)
    GR, HR = np.sum(g_right), np.sum(h_right)
    gain = _score(GL, HL, reg_lambda) + _score(GR, HR, reg_lambda) - _score(GL + GR, HL + HR, reg_lambda)
    return gain / 2 - gamma
