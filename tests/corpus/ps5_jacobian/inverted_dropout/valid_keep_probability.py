"""Valid: divides by the keep probability first, then applies the mask."""

EXPECT = "valid"


def inverted_dropout(h, mask, p):
    keep = 1.0 - p
    return (h / keep) * mask
