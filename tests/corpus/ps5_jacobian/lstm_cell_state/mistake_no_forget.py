"""Mistake: adds the old state without the forget gate."""

EXPECT = "lstm_cell_state.missing_forget_gate"


def lstm_cell_state(f, c_prev, i, c_tilde):
    return c_prev + i * c_tilde
