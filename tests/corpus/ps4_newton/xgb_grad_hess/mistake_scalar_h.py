"""Mistake: the squared-loss Hessian returned as the number 2."""

from scipy.special import expit

EXPECT = "xgb_grad_hess.hessian_scalar"


def xgb_grad_hess(y, margin, loss):
    if loss == "squared":
        return 2 * (margin - y), 2.0
    if loss == "logistic":
        p = expit(margin)
        return p - y, p * (1 - p)
    raise ValueError(loss)
