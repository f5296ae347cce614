"""The wire format: round trips of plain data, and hostile messages rejected without running code."""

import io
import json
import struct

import numpy as np
import pytest

from autograder.sandbox import wire


@pytest.mark.parametrize(
    "value",
    [
        None, True, 3, -2.5, "text", [1, 2], (1, (2.0, "x")), {"a": 1},
        float("inf"), complex(1, -2), np.float32(1.5), np.int64(7),
        np.arange(6, dtype=np.int32).reshape(2, 3), np.array([[1 + 2j]]), np.zeros((0, 3)), np.array(4.0),
    ],
)
def test_round_trip(value):
    back = wire.decode(json.loads(json.dumps(wire.encode(value))))
    if isinstance(value, np.ndarray):
        assert back.dtype == value.dtype
        assert back.shape == value.shape
        np.testing.assert_array_equal(back, value)
    elif isinstance(value, np.generic):
        assert type(back) is type(value)
        assert back == value
    else:
        assert back == value
        assert type(back) is type(value)


def test_nan_round_trip():
    assert np.isnan(wire.decode(wire.encode(float("nan"))))


def test_object_array_is_unsupported():
    decoded = wire.decode(wire.encode(np.array([object()], dtype=object)))
    assert isinstance(decoded, wire.UnsupportedValue)
    assert decoded.wire_type_name == "ndarray(dtype=object)"


def test_custom_class_is_unsupported():
    class Result:
        pass

    decoded = wire.decode(wire.encode(Result()))
    assert isinstance(decoded, wire.UnsupportedValue) and decoded.wire_type_name == "Result"


def test_function_from_child_rejected():
    with pytest.raises(wire.WireError):
        wire.decode({"__function__": "import os"})


@pytest.mark.parametrize(
    "data",
    [
        {"__ndarray__": {"dtype": "object", "shape": [1], "data": ""}},
        {"__ndarray__": {"dtype": "float64", "shape": [2], "data": "AAAA"}},
        {"__ndarray__": {"dtype": "float64", "shape": [-1], "data": ""}},
        {"__pickle__": "gASVAAAAAAAAAAA="},
        {"__float__": "1e999x"},
    ],
)
def test_bad_messages_rejected(data):
    with pytest.raises(wire.WireError):
        wire.decode(data)


def test_oversized_message_rejected_before_reading():
    stream = io.BytesIO(struct.pack("<Q", wire.MAX_MESSAGE_BYTES + 1) + b"{}")
    with pytest.raises(wire.WireError, match="exceeds the limit"):
        wire.receive(stream)


def test_send_receive():
    stream = io.BytesIO()
    wire.send(stream, {"status": "ok"})
    stream.seek(0)
    assert wire.receive(stream) == {"status": "ok"}
