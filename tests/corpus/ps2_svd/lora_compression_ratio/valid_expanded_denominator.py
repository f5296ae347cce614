"""Valid: counts the parameters of B and A separately."""

EXPECT = "valid"


def lora_compression_ratio(d_out, d_in, r):
    full = d_out * d_in
    lora = d_out * r + r * d_in
    return full / lora
