"""Mistake: LoRA parameters over full parameters."""

EXPECT = "lora_compression_ratio.inverted"


def lora_compression_ratio(d_out, d_in, r):
    return r * (d_out + d_in) / (d_out * d_in)
