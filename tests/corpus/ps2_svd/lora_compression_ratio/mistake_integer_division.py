"""Mistake: floor division // cuts off the fractional part."""

EXPECT = "lora_compression_ratio.integer_division"


def lora_compression_ratio(d_out, d_in, r):
    return (d_out * d_in) // (r * (d_out + d_in))
