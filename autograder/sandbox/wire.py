"""Plain-data wire format between the grader and the sandboxed child.

Values travel as JSON, with tagged objects for what JSON lacks: NumPy arrays
(dtype from a fixed list, shape, raw bytes in base64), NumPy scalars, tuples,
non-finite floats and functions given as source text.  Decoding never runs
code and never unpickles, so a hostile child can only send wrong data, which
the grader then marks wrong.  Anything else a student returns arrives as an
`UnsupportedValue` that names its type.

The child loads this file by path, so it imports nothing from the grader.
"""

from __future__ import annotations

import base64
import math
import struct
# Bound at import, so student code that replaces json.dumps or json.loads in
# the child cannot change how the child reads and writes messages.
from json import JSONDecodeError, dumps as _json_dumps, loads as _json_loads
from typing import Any, BinaryIO

import numpy as np

ALLOWED_DTYPES = frozenset(
    ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
     "float16", "float32", "float64", "complex64", "complex128"]
)

# Upper bound of one message in either direction; a larger reply is reported
# as an error instead of being read into memory.
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
_MAX_DEPTH = 20
_MAX_REPR = 200


class WireError(ValueError):
    """A message that does not follow the wire format."""


class UnsupportedValue:
    """A value the child could not send as plain data (a class instance, a generator ...)."""

    def __init__(self, type_name: str, text: str):
        self.wire_type_name = str(type_name)[:_MAX_REPR]
        self.text = str(text)[:_MAX_REPR]

    def __repr__(self) -> str:
        return f"<{self.wire_type_name}: {self.text}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UnsupportedValue) and (self.wire_type_name, self.text) == (other.wire_type_name, other.text)


class FunctionSource:
    """A function sent as source text; the child defines it with ``exec``."""

    def __init__(self, source: str):
        self.source = source


def _encode_float(value: float) -> Any:
    if math.isfinite(value):
        return value
    # float() first: repr of a NumPy float64, a float subclass, is "np.float64(nan)".
    return {"__float__": repr(float(value))}


def encode(value: Any, depth: int = 0) -> Any:
    """Turn `value` into JSON-compatible data with tags; unknown types become an unsupported tag instead of an error."""
    if depth > _MAX_DEPTH:
        return {"__unsupported__": "nested too deeply", "repr": ""}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return value if abs(value) < 2**63 else {"__float__": repr(float(value))}
    if isinstance(value, float):
        return _encode_float(value)
    if isinstance(value, np.ndarray):
        dtype = value.dtype.name
        if dtype not in ALLOWED_DTYPES:
            return {"__unsupported__": f"ndarray(dtype={dtype})", "repr": _safe_repr(value)}
        data = np.ascontiguousarray(value).astype(value.dtype.newbyteorder("<"), copy=False).tobytes()
        return {"__ndarray__": {"dtype": dtype, "shape": list(value.shape), "data": base64.b64encode(data).decode("ascii")}}
    if isinstance(value, np.generic):
        dtype = value.dtype.name
        if dtype not in ALLOWED_DTYPES:
            return {"__unsupported__": f"numpy.{dtype}", "repr": _safe_repr(value)}
        return {"__scalar__": encode(np.asarray(value), depth + 1)}
    if isinstance(value, complex):
        return {"__complex__": [_encode_float(value.real), _encode_float(value.imag)]}
    if isinstance(value, tuple):
        return {"__tuple__": [encode(item, depth + 1) for item in value]}
    if isinstance(value, list):
        return [encode(item, depth + 1) for item in value]
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return {"__dict__": {key: encode(item, depth + 1) for key, item in value.items()}}
    if isinstance(value, FunctionSource):
        return {"__function__": value.source}
    return {"__unsupported__": type(value).__name__, "repr": _safe_repr(value)}


def _safe_repr(value: Any) -> str:
    try:
        return repr(value)[:_MAX_REPR]
    except Exception:  # a student's __repr__ may raise anything
        return "<repr failed>"


def decode(data: Any, define_function=None, depth: int = 0) -> Any:
    """Rebuild values from `encode`'s output; `define_function(source)` builds functions."""
    if depth > _MAX_DEPTH + 2:
        raise WireError("message nested too deeply")
    if data is None or isinstance(data, (bool, int, str)):
        return data
    if isinstance(data, float):
        return data
    if isinstance(data, list):
        return [decode(item, define_function, depth + 1) for item in data]
    if not isinstance(data, dict) or len(data) not in (1, 2):
        raise WireError(f"unexpected object in message: {type(data).__name__}")
    if "__ndarray__" in data:
        return _decode_array(data["__ndarray__"])
    if "__scalar__" in data:
        array = decode(data["__scalar__"], define_function, depth + 1)
        if not isinstance(array, np.ndarray) or array.ndim != 0:
            raise WireError("a scalar must wrap a 0-d array")
        return array[()]
    if "__float__" in data:
        text = data["__float__"]
        if text not in ("inf", "-inf", "nan"):
            try:
                return float(text)
            except (TypeError, ValueError):
                raise WireError(f"bad float {text!r}") from None
        return float(text)
    if "__complex__" in data:
        real, imag = (decode(part, define_function, depth + 1) for part in data["__complex__"])
        return complex(real, imag)
    if "__tuple__" in data:
        return tuple(decode(item, define_function, depth + 1) for item in data["__tuple__"])
    if "__dict__" in data:
        return {str(key): decode(item, define_function, depth + 1) for key, item in data["__dict__"].items()}
    if "__unsupported__" in data:
        return UnsupportedValue(data["__unsupported__"], data.get("repr", ""))
    if "__function__" in data:
        if define_function is None:
            raise WireError("functions are accepted only from the grader")
        return define_function(data["__function__"])
    raise WireError(f"unknown tag in message: {sorted(data)!r}")


def _decode_array(spec: Any) -> np.ndarray:
    if not isinstance(spec, dict):
        raise WireError("array description is not an object")
    dtype = spec.get("dtype")
    shape = spec.get("shape")
    if dtype not in ALLOWED_DTYPES:
        raise WireError(f"array dtype {dtype!r} is not allowed")
    if not isinstance(shape, list) or not all(isinstance(n, int) and n >= 0 for n in shape):
        raise WireError(f"bad array shape {shape!r}")
    try:
        raw = base64.b64decode(spec.get("data", ""), validate=True)
    except (ValueError, TypeError):
        raise WireError("array data is not base64") from None
    item = np.dtype(dtype).newbyteorder("<")
    if len(raw) != item.itemsize * math.prod(shape):
        raise WireError("array data does not match its shape and dtype")
    return np.frombuffer(raw, dtype=item).astype(np.dtype(dtype), copy=True).reshape(shape)


def send(stream: BinaryIO, message: Any) -> None:
    """Write one length-prefixed JSON message."""
    body = _json_dumps(message, allow_nan=False).encode("utf-8")
    if len(body) > MAX_MESSAGE_BYTES:
        raise ValueError(f"message of {len(body)} bytes exceeds the limit of {MAX_MESSAGE_BYTES} bytes")
    stream.write(struct.pack("<Q", len(body)) + body)
    stream.flush()


def receive(stream: BinaryIO, limit: int = MAX_MESSAGE_BYTES) -> Any:
    """Read one length-prefixed JSON message; raise EOFError when the stream ends."""
    header = _read_exact(stream, 8)
    (length,) = struct.unpack("<Q", header)
    if length > limit:
        raise WireError(f"message of {length} bytes exceeds the limit of {limit} bytes")
    body = _read_exact(stream, length)
    try:
        return _json_loads(body.decode("utf-8"))
    except (UnicodeDecodeError, JSONDecodeError, RecursionError) as error:
        raise WireError(f"message is not valid JSON: {error}") from None


def _read_exact(stream: BinaryIO, count: int) -> bytes:
    chunks = []
    remaining = count
    while remaining:
        chunk = stream.read(remaining)
        if not chunk:
            raise EOFError("stream closed")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
