"""Mistake: the forget gate multiplies the candidate and the input gate the old state."""

EXPECT = "lstm_cell_state.gates_swapped"


def lstm_cell_state(f, c_prev, i, c_tilde):
    return f * c_tilde + i * c_prev
