"""Valid: ridge as least squares on X stacked over sqrt(lam) I, with zero targets below y."""

import numpy as np

EXPECT = "valid"


def ridge_closed_form(X, y, lam):
    d = X.shape[1]
    X_aug = np.vstack([X, np.sqrt(lam) * np.eye(d)])
    y_aug = np.concatenate([y, np.zeros(d)])
    beta, *_ = np.linalg.lstsq(X_aug, y_aug, rcond=None)
    return beta
