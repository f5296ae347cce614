"""Mistake: d_out * d_in / r * (d_out + d_in) multiplies by the sum instead of dividing."""

EXPECT = "lora_compression_ratio.missing_parentheses"


def lora_compression_ratio(d_out, d_in, r):
    return d_out * d_in / r * (d_out + d_in)
