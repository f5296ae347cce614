"""Valid: returns a NumPy float64 scalar."""
import numpy as np

EXPECT = "valid"


def lora_compression_ratio(d_out, d_in, r):
    return np.float64(d_out) * d_in / (r * (d_out + d_in))
