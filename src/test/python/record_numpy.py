#!/usr/bin/env python3
"""Record what real NumPy does with small programs in the Shapes notation.

Each case is a program body (without its `use` line). Declarations
`name: f32[2, 3] = [[...]]` become `np.array(..., dtype=np.float32)`; a rank-0
declaration becomes a NumPy scalar (`np.float32(1.5)`, what reductions return);
a declaration without a value is shape-only: it gets arbitrary data and no
array value of the program is recorded. Every other line is run as written
with `np` and `numpy` imported. What is recorded concerns the LAST line, as
in ../../../../shared/oracle (same fields):
  {"status": "ok", "dtype": "f32", "shape": [2], "value": [...], "warnings": [...]}
  {"status": "error", "type": "ValueError", "message": "..."}
Results that are Python values rather than arrays (a shape tuple, a dtype)
have dtype and shape null and carry "repr".

Run once per NumPy version; the header follows the version (`use numpy` for
2.x, `use numpy 1.24` for 1.x):
  python3 src/test/python/record_numpy.py src/test/resources/recorded/numpy-2.4.jsonl
  /usr/bin/python3 src/test/python/record_numpy.py src/test/resources/recorded/numpy-1.24.jsonl
"""
import hashlib
import json
import re
import sys
import warnings

import numpy as np

NDT = {"f16": np.float16, "f32": np.float32, "f64": np.float64, "i8": np.int8, "i16": np.int16,
       "i32": np.int32, "i64": np.int64, "u8": np.uint8, "bool": np.bool_}
SHORT = {np.dtype(v): k for k, v in NDT.items()}
HEADER = "use numpy" if int(np.__version__.split(".")[0]) >= 2 else "use numpy 1.24"
DECL = re.compile(r"^(\w+)\s*:\s*(\w+)\s*\[(.*?)\]\s*(?:=\s*(.+))?$")
ASSIGN = re.compile(r"^([A-Za-z_]\w*)\s*=(?!=)\s*(.+)$")
AUG = re.compile(r"^([A-Za-z_]\w*)\s*(\+|-|\*|/|@)=\s*(.+)$")
SETITEM = re.compile(r"^([A-Za-z_]\w*)\[(.+)\]\s*=(?!=)\s*(.+)$")

A = "a: f32[4, 3] = [[0.5, -1.0, 2.0], [1.5, 0.25, -0.75], [-2.0, 3.0, 1.0], [0.0, 0.5, -0.5]]"
B5 = "b: f32[5] = [1.0, 2.0, 3.0, 4.0, 5.0]"
LOGITS = "logits: f32[3, 4] = [[1.0, 2.0, 0.5, -1.0], [0.0, -0.5, 1.5, 2.5], [3.0, 1.0, -2.0, 0.25]]"
LABELS = "labels: i64[3] = [1, 3, 0]"
COL = "labels: i64[3, 1] = [[1], [3], [0]]"

CASES = [
    # ---------------------------------------------------------------- broadcasting arithmetic
    ("bcast/add_bad", [A, B5, "c = a + b"]),
    ("bcast/sub_col", [A, "b: f32[5, 1] = [[1.0], [2.0], [3.0], [4.0], [5.0]]", "c = a - b"]),
    ("bcast/ok_row", [A, "b: f32[3] = [1.0, 2.0, 3.0]", "c = a * b"]),
    ("bcast/ok_col", [A, "b: f32[4, 1] = [[1.0], [2.0], [3.0], [4.0]]", "c = a / b"]),
    ("bcast/col_vs_vec", ["p: f64[3, 1] = [[1.0], [2.0], [3.0]]", "y: f64[3] = [1.0, 2.0, 4.0]", "d = p - y"]),
    ("bcast/3d_bad", ["x: f32[2, 3, 4]", "y: f32[3, 5]", "z = x + y"]),
    ("bcast/3d_ok", ["x: f32[2, 3, 4]", "y: f32[3, 1]", "z = x + y"]),
    ("bcast/scalar_shapes", ["x: f32[2, 3]", "y: f32[]", "z = x * y"]),
    ("bcast/compare_bad", ["x: f32[3]", "y: f32[4]", "z = x == y"]),
    ("bcast/compare_ok", ["x: f32[3] = [1.0, 2.0, 3.0]", "y: f32[3] = [1.0, 0.0, 3.0]", "z = x == y"]),
    ("bcast/less", ["x: f32[3] = [1.0, 2.0, 3.0]", "z = x < 2"]),
    ("bcast/list_operand", [A, "c = a + [1.0, 2.0, 3.0]"]),
    ("bcast/list_operand_bad", [A, "c = a + [1.0, 2.0]"]),
    ("bcast/power", ["x: f32[3] = [1.0, 2.0, 3.0]", "y = x ** 2"]),
    ("bcast/floordiv", ["x: i64[3] = [7, -7, 8]", "y = x // 2"]),
    ("bcast/mod", ["x: i64[3] = [7, -7, 8]", "y = x % 3"]),
    ("bcast/fmod", ["x: f64[3] = [7.5, -7.5, 8.0]", "y = x % 2.0"]),
    ("bcast/np_add", [A, B5, "c = np.add(a, b)"]),
    ("bcast/np_maximum", [A, B5, "c = np.maximum(a, b)"]),
    ("bcast/np_maximum_ok", [A, "c = np.maximum(a, 0)"]),
    ("bcast/np_minimum_ok", [A, "c = np.minimum(a, 1.0)"]),
    ("bcast/np_add_out", [A, B5, "c = np.add(a, b, out=np.zeros((4, 3)))"]),
    ("bcast/where_bad", [A, B5, "c = np.where(a > 0, a, b)"]),
    ("bcast/clip_bad", [A, B5, "c = np.clip(a, b, 1)"]),
    ("bcast/broadcast_to_bad", [A, "c = np.broadcast_to(a, (4, 5))"]),
    ("bcast/broadcast_to_ok", ["x: f32[3] = [1.0, 2.0, 3.0]", "c = np.broadcast_to(x, (2, 3))"]),
    ("bcast/broadcast_shapes_bad", ["c = np.broadcast_shapes((4, 3), (5,))"]),
    ("bcast/broadcast_shapes_ok", ["c = np.broadcast_shapes((4, 1), (3,))"]),
    # ---------------------------------------------------------------- promotion
    ("promote/f32_i64", ["x: f32[2] = [1.0, 2.0]", "y: i64[2] = [1, 2]", "z = x + y"]),
    ("promote/f32_i32", ["x: f32[2] = [1.0, 2.0]", "y: i32[2] = [1, 2]", "z = x + y"]),
    ("promote/f32_i16", ["x: f32[2] = [1.0, 2.0]", "y: i16[2] = [1, 2]", "z = x + y"]),
    ("promote/f16_i32", ["x: f16[2] = [1.0, 2.0]", "y: i32[2] = [1, 2]", "z = x * y"]),
    ("promote/f16_i8", ["x: f16[2] = [1.0, 2.0]", "y: i8[2] = [1, 2]", "z = x * y"]),
    ("promote/u8_i8", ["x: u8[2] = [1, 2]", "y: i8[2] = [1, -2]", "z = x + y"]),
    ("promote/i32_i64", ["x: i32[2] = [1, 2]", "y: i64[2] = [1, 2]", "z = x + y"]),
    ("promote/bool_bool", ["x: bool[2] = [True, False]", "y: bool[2] = [True, True]", "z = x + y"]),
    ("promote/bool_mul", ["x: bool[2] = [True, False]", "y: bool[2] = [True, True]", "z = x * y"]),
    ("promote/bool_sub", ["x: bool[2] = [True, False]", "y: bool[2] = [True, True]", "z = x - y"]),
    ("promote/bool_int", ["x: bool[2] = [True, False]", "z = x + 1"]),
    ("promote/bool_float", ["x: bool[2] = [True, False]", "z = x + 1.5"]),
    ("promote/f32_pyfloat", ["x: f32[2] = [1.0, 2.0]", "z = x * 0.5"]),
    ("promote/f32_pyint", ["x: f32[2] = [1.0, 2.0]", "z = x * 3"]),
    ("promote/i32_pyint", ["x: i32[2] = [1, 2]", "z = x + 7"]),
    ("promote/i32_pyfloat", ["x: i32[2] = [1, 2]", "z = x + 0.5"]),
    ("promote/i8_200", ["x: i8[2] = [1, 2]", "z = x + 200"]),
    ("promote/u8_300", ["x: u8[2] = [1, 2]", "z = x + 300"]),
    ("promote/u8_minus1", ["x: u8[2] = [1, 2]", "z = x + -1"]),
    ("promote/i8_compare_200", ["x: i8[2] = [1, 2]", "z = x < 200"]),
    ("promote/f32_f64scalar", ["x: f32[2] = [1.0, 2.0]", "s: f64[] = 2.0", "z = x * s"]),
    ("promote/f32_f64sum", ["x: f32[2] = [1.0, 2.0]", "y: f64[3] = [1.0, 2.0, 3.0]", "z = x / np.sum(y)"]),
    ("promote/i64_f32scalar", ["x: i64[2] = [1, 2]", "s: f32[] = 2.0", "z = x * s"]),
    ("promote/f32scalar_pyfloat", ["s: f32[] = 2.0", "z = s + 1.5"]),
    ("promote/i8scalar_pyint", ["s: i8[] = 2", "z = s + 1"]),
    ("promote/truediv_int", ["x: i64[3] = [1, 2, 3]", "z = x / 2"]),
    ("promote/truediv_i8", ["x: i8[2] = [1, 2]", "y: i8[2] = [2, 2]", "z = x / y"]),
    ("promote/pow_negative", ["x: i64[2] = [1, 2]", "z = x ** -1"]),
    ("promote/pow_int", ["x: i64[3] = [1, 2, 3]", "z = x ** 2"]),
    # ---------------------------------------------------------------- unary operators and math ufuncs
    ("unary/neg_bool", ["x: bool[2] = [True, False]", "z = -x"]),
    ("unary/invert_bool", ["x: bool[2] = [True, False]", "z = ~x"]),
    ("unary/invert_float", ["x: f32[2] = [1.0, 2.0]", "z = ~x"]),
    ("unary/invert_int", ["x: i64[2] = [1, 2]", "z = ~x"]),
    ("unary/neg", ["x: f32[2] = [1.0, -2.0]", "z = -x"]),
    ("math/log_zero", ["x: f32[3] = [1.0, 0.0, 2.0]", "z = np.log(x)"]),
    ("math/log_negative", ["x: f64[3] = [-1.0, 0.0, 2.0]", "z = np.log(x)"]),
    ("math/log_int8", ["x: i8[2] = [1, 2]", "z = np.log(x)"]),
    ("math/exp_int16", ["x: i16[2] = [1, 2]", "z = np.exp(x)"]),
    ("math/exp_int64", ["x: i64[2] = [1, 2]", "z = np.exp(x)"]),
    ("math/exp_bool", ["x: bool[2] = [True, False]", "z = np.exp(x)"]),
    ("math/exp_overflow", ["x: f32[2] = [1.0, 1000.0]", "z = np.exp(x)"]),
    ("math/sqrt_negative", ["x: f64[2] = [4.0, -1.0]", "z = np.sqrt(x)"]),
    ("math/log1p", ["x: f64[2] = [0.5, -1.0]", "z = np.log1p(x)"]),
    ("math/abs", ["x: i32[3] = [-1, 2, -3]", "z = np.abs(x)"]),
    ("math/square", ["x: f32[2] = [1.5, -2.0]", "z = np.square(x)"]),
    ("math/tanh", ["x: f32[2] = [0.5, -2.0]", "z = np.tanh(x)"]),
    ("math/divide_zero", ["x: f64[3] = [1.0, 0.0, -1.0]", "z = x / 0"]),
    ("math/int_divide_zero", ["x: i64[2] = [1, 2]", "z = x / 0"]),
    ("math/floordiv_zero", ["x: i64[2] = [1, 2]", "z = x // 0"]),
    ("math/mod_zero", ["x: i64[2] = [1, 2]", "z = x % 0"]),
    ("math/scalar_divide_zero", ["x: f64[2] = [1.0, 2.0]", "z = np.sum(x) / 0"]),
    ("math/multiply_overflow", ["x: f32[2] = [1e30, 2.0]", "z = x * x"]),
    ("math/isnan", ["x: f64[3] = [1.0, 0.0, -1.0]", "z = np.isnan(np.log(x))"]),
    # ---------------------------------------------------------------- reductions
    ("reduce/sum_axis", [A, "s = a.sum(axis=1)"]),
    ("reduce/sum_keepdims", [A, "s = np.sum(a, axis=1, keepdims=True)"]),
    ("reduce/sum_all", [A, "s = np.sum(a)"]),
    ("reduce/sum_tuple", ["x: f32[2, 3, 4]", "s = x.sum(axis=(0, 2))"]),
    ("reduce/sum_axis_oob", [A, "s = a.sum(axis=2)"]),
    ("reduce/sum_axis_neg_oob", [A, "s = np.sum(a, axis=-3)"]),
    ("reduce/sum_axis_dup", [A, "s = a.sum(axis=(0, 0))"]),
    ("reduce/sum_axis_list", [A, "s = a.sum(axis=[0])"]),
    ("reduce/sum_axis_float", [A, "s = np.sum(a, axis=1.0)"]),
    ("reduce/sum_dim_kw", [A, "s = np.sum(a, dim=1)"]),
    ("reduce/sum_method_dim_kw", [A, "s = a.sum(dim=1)"]),
    ("reduce/mean_dim_kw", [A, "s = np.mean(a, dim=1)"]),
    ("reduce/mean_method_dim_kw", [A, "s = a.mean(dim=1)"]),
    ("reduce/max_dim_kw", [A, "s = np.max(a, dim=1)"]),
    ("reduce/max_method_dim_kw", [A, "s = a.max(dim=1)"]),
    ("reduce/argmax_dim_kw", [A, "s = np.argmax(a, dim=1)"]),
    ("reduce/argmax_method_dim_kw", [A, "s = a.argmax(dim=1)"]),
    ("reduce/sum_int32", ["x: i32[3] = [1, 2, 3]", "s = np.sum(x)"]),
    ("reduce/sum_bool", ["x: bool[3] = [True, False, True]", "s = x.sum()"]),
    ("reduce/mean_int", ["x: i64[3] = [1, 2, 4]", "s = np.mean(x)"]),
    ("reduce/mean_f16", ["x: f16[2] = [1.0, 2.0]", "s = x.mean()"]),
    ("reduce/mean_axis", [A, "s = a.mean(axis=0)"]),
    ("reduce/mean_keepdims", [A, "s = a.mean(1, keepdims=True)"]),
    ("reduce/max_axis", [A, "s = np.max(a, axis=1)"]),
    ("reduce/max_keepdims", [A, "s = a.max(axis=1, keepdims=True)"]),
    ("reduce/min_all", [A, "s = a.min()"]),
    ("reduce/amax", [A, "s = np.amax(a, axis=0)"]),
    ("reduce/max_int8", ["x: i8[2] = [1, -3]", "s = np.max(x)"]),
    ("reduce/prod_int8", ["x: i8[3] = [1, -3, 2]", "s = np.prod(x)"]),
    ("reduce/argmax_axis", [A, "s = a.argmax(axis=1)"]),
    ("reduce/argmax_all", [A, "s = np.argmax(a)"]),
    ("reduce/argmax_keepdims", [A, "s = np.argmax(a, axis=1, keepdims=True)"]),
    ("reduce/argmin_axis0", [A, "s = np.argmin(a, axis=0)"]),
    ("reduce/argmax_oob", [A, "s = a.argmax(axis=2)"]),
    ("reduce/argmax_tuple", [A, "s = np.argmax(a, axis=(0, 1))"]),
    ("reduce/max_empty", ["x: f64[0] = []", "s = np.max(x)"]),
    ("reduce/min_empty_axis", ["x: f64[0, 3]", "s = np.min(x, axis=0)"]),
    ("reduce/argmax_empty", ["x: f64[0] = []", "s = np.argmax(x)"]),
    ("reduce/mean_oob", [A, "s = np.mean(a, axis=3)"]),
    ("reduce/std", [A, "s = np.std(a, axis=0)"]),
    ("reduce/var_all", [A, "s = a.var()"]),
    ("reduce/any", ["x: f32[3] = [0.0, 0.0, 1.0]", "s = np.any(x > 0.5)"]),
    ("reduce/all_axis", [A, "s = (a > -5).all(axis=1)"]),
    ("reduce/norm", [A, "s = np.linalg.norm(a, axis=1, keepdims=True)"]),
    ("reduce/shape_only_big", ["x: f32[20000, 5000]", "s = x.sum(axis=1)"]),
    # ---------------------------------------------------------------- shape functions
    ("shape/reshape_bad", [A, "r = a.reshape(5, 3)"]),
    ("shape/reshape_bad_one", [A, "r = a.reshape(7)"]),
    ("shape/reshape_bad_tuple", [A, "r = np.reshape(a, (2, 7))"]),
    ("shape/reshape_infer_lead", [A, "r = a.reshape(-1, 5)"]),
    ("shape/reshape_infer_lead3", [A, "r = a.reshape(-1, 5, 2)"]),
    ("shape/reshape_infer_mid", [A, "r = a.reshape(2, -1, 5)"]),
    ("shape/reshape_two_unknown", [A, "r = a.reshape(-1, -1)"]),
    ("shape/reshape_ok", [A, "r = a.reshape(2, -1)"]),
    ("shape/reshape_list", [A, "r = a.reshape([3, 4])"]),
    ("shape/reshape_float", [A, "r = a.reshape(2.5)"]),
    ("shape/reshape_order_bad", [A, "r = a.reshape(12, order='Q')"]),
    ("shape/np_reshape_order_int", [A, "r = np.reshape(a, 12, 1)"]),
    ("shape/reshape_big", ["x: f32[2048, 2048, 16]", "r = x.reshape(2048, -1)"]),
    ("shape/reshape_big_bad", ["x: f32[2048, 2048, 16]", "r = x.reshape(2048, 100, -1)"]),
    ("shape/squeeze_bad", [A, "r = np.squeeze(a, axis=0)"]),
    ("shape/squeeze_method_bad", [A, "r = a.squeeze(1)"]),
    ("shape/squeeze_oob", [A, "r = np.squeeze(a, axis=5)"]),
    ("shape/squeeze_ok", [COL, "r = labels.squeeze(1)"]),
    ("shape/squeeze_all", ["x: f32[1, 3, 1]", "r = np.squeeze(x)"]),
    ("shape/squeeze_dim_kw", [A, "r = np.squeeze(a, dim=1)"]),
    ("shape/expand_dims", [A, "r = np.expand_dims(a, 1)"]),
    ("shape/expand_dims_neg", [A, "r = np.expand_dims(a, -1)"]),
    ("shape/expand_dims_oob", [A, "r = np.expand_dims(a, 3)"]),
    ("shape/expand_dims_dim_kw", [A, "r = np.expand_dims(a, dim=1)"]),
    ("shape/transpose", [A, "r = a.T"]),
    ("shape/transpose_axes_bad", [A, "r = a.transpose(1, 0, 2)"]),
    ("shape/np_transpose_bad", [A, "r = np.transpose(a, (0,))"]),
    ("shape/transpose_3d", ["x: f32[2, 3, 4]", "r = np.transpose(x, (2, 0, 1))"]),
    ("shape/swapaxes", ["x: f32[2, 3, 4]", "r = x.swapaxes(0, 2)"]),
    ("shape/flatten", [A, "r = a.flatten()"]),
    ("shape/ravel", [A, "r = np.ravel(a)"]),
    ("shape/newaxis", ["x: f32[3] = [1.0, 2.0, 3.0]", "r = x[:, np.newaxis]"]),
    ("shape/none_index", ["x: f32[3] = [1.0, 2.0, 3.0]", "r = x[None, :]"]),
    ("shape/attr_shape", [A, "r = a.shape"]),
    ("shape/attr_ndim", [A, "r = a.ndim"]),
    ("shape/attr_size", [A, "r = a.size"]),
    ("shape/attr_dtype", [A, "r = a.dtype"]),
    ("shape/np_shape", [A, "r = np.shape(a)"]),
    ("shape/shape_index", [A, "r = a.shape[0]"]),
    ("shape/len", [A, "r = len(a)"]),
    # ---------------------------------------------------------------- factories and dtypes
    ("make/arange", ["r = np.arange(5)"]),
    ("make/arange_float", ["r = np.arange(0.0, 1.0, 0.25)"]),
    ("make/arange_step0", ["r = np.arange(1, 2, 0)"]),
    ("make/arange_dtype", ["r = np.arange(4, dtype=np.float32)"]),
    ("make/eye", ["r = np.eye(3)"]),
    ("make/eye_k", ["r = np.eye(3, 4, k=1, dtype=np.int32)"]),
    ("make/onehot", [LABELS, "r = np.eye(4)[labels]"]),
    ("make/onehot_oob", ["labels: i64[3] = [1, 5, 0]", "r = np.eye(4)[labels]"]),
    ("make/onehot_list_oob", ["r = np.eye(3)[[0, 1, 3]]"]),
    ("make/zeros", ["r = np.zeros((2, 3))"]),
    ("make/zeros_int", ["r = np.zeros(3, dtype=int)"]),
    ("make/zeros_str_dtype", ["r = np.zeros((2, 3), dtype='float32')"]),
    ("make/zeros_negative", ["r = np.zeros((2, -1))"]),
    ("make/zeros_float", ["r = np.zeros(2.5)"]),
    ("make/zeros_float_item", ["r = np.zeros((2, 2.5))"]),
    ("make/zeros_bad_dtype", ["r = np.zeros(3, dtype='float31')"]),
    ("make/ones_like", [A, "r = np.ones_like(a)"]),
    ("make/zeros_like_dtype", [A, "r = np.zeros_like(a, dtype=np.int64)"]),
    ("make/zeros_like_bool", [A, "r = np.zeros_like(a, dtype=bool)"]),
    ("make/astype_float_builtin", ["x: i32[2] = [1, 2]", "r = x.astype(float)"]),
    ("make/full", ["r = np.full((2, 2), 7)"]),
    ("make/full_float", ["r = np.full((2, 2), 0.5, dtype=np.float32)"]),
    ("make/full_like", [A, "r = np.full_like(a, 2)"]),
    ("make/full_bad_fill", ["r = np.full((4, 3), (0, 0))"]),
    ("make/full_column_fill", ["r = np.full((2, 3), [[1], [2]])"]),
    ("make/full_like_bad_fill", ["r = np.full_like(5, np.zeros(4))"]),
    ("make/full_bool_shape", [A, "r = np.full(True, a > 0)"]),
    ("make/array_int", ["r = np.array([1, 2, 3])"]),
    ("make/array_float", ["r = np.array([[1.0, 2], [3, 4]])"]),
    ("make/array_bool", ["r = np.array([True, False])"]),
    ("make/array_mixed_bool", ["r = np.array([1, True])"]),
    ("make/array_dtype", ["r = np.array([1, 2], dtype=np.float32)"]),
    ("make/array_ragged", ["r = np.array([[1, 2], [3]])"]),
    ("make/asarray", [A, "r = np.asarray(a, dtype=np.float64)"]),
    ("make/linspace", ["r = np.linspace(0, 1, 5)"]),
    ("make/identity", ["r = np.identity(2)"]),
    ("make/scalar_type_call", ["r = np.float32(0.1)"]),
    ("make/scalar_type_cast", [A, "r = np.float64(a)"]),
    ("make/astype", [A, "r = a.astype(np.int32)"]),
    ("make/astype_str", [A, "r = a.astype('float64')"]),
    ("make/astype_missing", [A, "r = a.astype()"]),
    ("make/astype_nan", ["x: f64[2] = [1.5, 2.5]", "r = (x / 0 * 0).astype(np.int64)"]),
    ("make/dtype_eq", [A, "r = a.dtype == np.float32"]),
    ("make/dtype_name", [A, "r = a.dtype.name"]),
    ("make/np_dtype", ["r = np.dtype('f4')"]),
    ("make/random_randn", ["r = np.random.randn(2, 3)"]),
    ("make/random_randn_negative", ["r = np.random.randn(2, -1)"]),
    ("make/random_rand_float", ["r = np.random.rand(2.5)"]),
    ("make/random_randint", ["r = np.random.randint(0, 10, size=(2, 3))"]),
    ("make/random_randint_one", ["r = np.random.randint(5, size=4)"]),
    ("make/random_randint_zero", ["r = np.random.randint(0)"]),
    ("make/random_randint_order", ["r = np.random.randint(5, 3)"]),
    ("make/random_normal", ["r = np.random.normal(0, 1, size=(3,))"]),
    ("make/random_uniform", ["r = np.random.uniform(size=(2, 2))"]),
    ("make/rng_integers", ["rng = np.random.default_rng(0)", "r = rng.integers(0, 5, size=(3,))"]),
    ("make/rng_normal", ["rng = np.random.default_rng(0)", "r = rng.normal(size=(2, 4))"]),
    ("make/no_softmax", [A, "r = np.softmax(a)"]),
    ("make/no_log_softmax", [A, "r = np.log_softmax(a, axis=1)"]),
    # ---------------------------------------------------------------- joining
    ("join/concat_rank", [A, B5, "r = np.concatenate([a, b])"]),
    ("join/concat_size", [A, "b: f32[4, 5]", "r = np.concatenate([a, b])"]),
    ("join/concat_ok", [A, "b: f32[4, 2]", "r = np.concatenate([a, b], axis=1)"]),
    ("join/concat_oob", [A, "r = np.concatenate([a, a], axis=2)"]),
    ("join/concat_empty", ["r = np.concatenate([])"]),
    ("join/concat_0d", ["x: f32[] = 1.0", "r = np.concatenate([x, x])"]),
    ("join/concat_none", [A, "r = np.concatenate([a, a], axis=None)"]),
    ("join/concat_dim_kw", [A, "r = np.concatenate([a, a], dim=1)"]),
    ("join/concat_promote", ["x: f32[2] = [1.0, 2.0]", "y: i64[1] = [3]", "r = np.concatenate([x, y])"]),
    ("join/stack_bad", [A, B5, "r = np.stack([a, b])"]),
    ("join/stack_ok", [A, "r = np.stack([a, a], axis=1)"]),
    ("join/stack_oob", [A, "r = np.stack([a, a], axis=3)"]),
    ("join/stack_empty", ["r = np.stack([])"]),
    ("join/vstack", ["x: f32[3] = [1.0, 2.0, 3.0]", "r = np.vstack([x, x])"]),
    ("join/hstack", ["x: f32[3] = [1.0, 2.0, 3.0]", "r = np.hstack([x, x])"]),
    ("join/array_of_arrays", ["x: f32[3] = [1.0, 2.0, 3.0]", "r = np.array([x, x])"]),
    # ---------------------------------------------------------------- matmul and dot
    ("matmul/bad", [A, B5, "r = a @ b"]),
    ("matmul/bad_vec_first", [A, B5, "r = b @ a"]),
    ("matmul/ok_vec", [A, "v: f32[3] = [1.0, 0.5, -1.0]", "r = a @ v"]),
    ("matmul/ok", [A, "w: f32[3, 2] = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]", "r = a @ w"]),
    ("matmul/scalar", [A, "r = a @ 2"]),
    ("matmul/np_scalar", [A, "s: f32[] = 2.0", "r = np.matmul(a, s)"]),
    ("matmul/batch_bad", ["x: f64[2, 3, 4]", "y: f64[5, 4, 2]", "r = x @ y"]),
    ("matmul/batch_ok", ["x: f64[2, 3, 4]", "y: f64[4, 2]", "r = x @ y"]),
    ("matmul/batch_broadcast", ["x: f64[2, 1, 3, 4]", "y: f64[5, 4, 2]", "r = np.matmul(x, y)"]),
    ("matmul/promote", ["x: f32[2, 2] = [[1.0, 2.0], [3.0, 4.0]]", "y: i64[2] = [1, 1]", "r = x @ y"]),
    ("matmul/int", ["x: i64[2, 2] = [[1, 2], [3, 4]]", "y: i64[2, 2] = [[1, 0], [0, 1]]", "r = x @ y"]),
    ("matmul/inplace_ok", ["x: f64[2, 2] = [[1.0, 2.0], [3.0, 4.0]]", "y: f64[2, 2] = [[0.0, 1.0], [1.0, 0.0]]", "x @= y"]),
    ("dot/bad", [A, B5, "r = np.dot(a, b)"]),
    ("dot/bad_vec_first", [A, B5, "r = np.dot(b, a)"]),
    ("dot/ok", [A, "v: f32[3] = [1.0, 0.5, -1.0]", "r = np.dot(a, v)"]),
    ("dot/method", [A, "w: f32[3, 2]", "r = a.dot(w)"]),
    ("dot/vectors", ["x: f64[3] = [1.0, 2.0, 3.0]", "r = np.dot(x, x)"]),
    ("dot/nd", ["x: f64[4, 3]", "y: f64[4, 3, 2]", "r = np.dot(x, y)"]),
    # ---------------------------------------------------------------- indexing
    ("index/fancy_ok", [LOGITS, LABELS, "picked = logits[np.arange(3), labels]"]),
    ("index/fancy_col", [LOGITS, COL, "picked = logits[np.arange(3), labels]"]),
    ("index/fancy_len", [LOGITS, "labels: i64[5] = [1, 3, 0, 2, 2]", "picked = logits[np.arange(3), labels]"]),
    ("index/fancy_len_oob", [LOGITS, "labels: i64[5] = [1, 9, 0, 2, 2]", "picked = logits[np.arange(3), labels]"]),
    ("index/fancy_oob", [LOGITS, "labels: i64[3] = [1, 4, 0]", "picked = logits[np.arange(3), labels]"]),
    ("index/fancy_neg_oob", [LOGITS, "labels: i64[3] = [1, -5, 0]", "picked = logits[np.arange(3), labels]"]),
    ("index/fancy_float", [LOGITS, "labels: f32[3] = [1.0, 3.0, 0.0]", "picked = logits[np.arange(3), labels]"]),
    ("index/fancy_range", [LOGITS, LABELS, "picked = logits[range(3), labels]"]),
    ("index/fancy_list", [LOGITS, "picked = logits[[0, 2], [1, 1]]"]),
    ("index/fancy_shape_only", ["logits: f32[64, 1000]", "labels: i64[64]", "picked = logits[np.arange(64), labels]"]),
    ("index/fancy_shape_only_col", ["logits: f32[64, 1000]", "labels: i64[64, 1]", "picked = logits[np.arange(64), labels]"]),
    ("index/fancy_shape_only_len", ["logits: f32[64, 1000]", "labels: i64[32]", "picked = logits[np.arange(64), labels]"]),
    ("index/int_oob", [A, "r = a[4]"]),
    ("index/int_neg_oob", [A, "r = a[-5]"]),
    ("index/col_oob", [A, "r = a[:, 3]"]),
    ("index/too_many", [A, "r = a[0, 0, 0]"]),
    ("index/float", [A, "r = a[1.0]"]),
    ("index/str", [A, "r = a['x']"]),
    ("index/float_list", [A, "r = a[[1.0]]"]),
    ("index/float_array0d", [A, "i: f32[] = 1.0", "r = a[i]"]),
    ("index/int_scalar", [A, "i: i64[] = 1", "r = a[i]"]),
    ("index/two_ellipsis", [A, "r = a[..., ...]"]),
    ("index/step_zero", [A, "r = a[::0]"]),
    ("index/slice", [A, "r = a[1:3, ::2]"]),
    ("index/slice_neg", [A, "r = a[::-1, -2:]"]),
    ("index/ellipsis", ["x: f32[2, 3, 4]", "r = x[..., 0]"]),
    ("index/scalar_and_arrays", ["x: f32[2, 3, 4]", "r = x[0, np.arange(2), np.arange(3)]"]),
    ("index/separated_arrays", ["x: f32[2, 3, 4]", "r = x[np.arange(2), :, np.arange(2)]"]),
    ("index/mask", [A, "r = a[a > 0]"]),
    ("index/mask_bad", [A, "m: bool[3] = [True, False, True]", "r = a[m]"]),
    ("index/mask_axis1", [A, "m: bool[3] = [True, False, True]", "r = a[:, m]"]),
    ("index/mask_list", [A, "r = a[[True, False, True, True]]"]),
    ("index/mask_then_array", ["x: f32[2, 3, 4]", "m: bool[3] = [True, False, True]", "r = x[np.array([True, False, True]), np.arange(2)]"]),
    ("index/mask_and_array_bad", ["x: f32[2, 3, 4]", "m: bool[3] = [True, False, True]", "r = x[:, m, np.arange(3)]"]),
    ("index/mask_2d", [A, "r = a[a > 10]"]),
    ("index/true", [A, "r = a[True]"]),
    ("index/row_item", [A, "r = a[2, 1]"]),
    ("index/take_along_axis", [LOGITS, "idx: i64[3, 1] = [[1], [3], [0]]", "r = np.take_along_axis(logits, idx, axis=1)"]),
    ("index/take_along_axis_rank", [LOGITS, LABELS, "r = np.take_along_axis(logits, labels, axis=1)"]),
    ("index/take_along_axis_float", [LOGITS, "idx: f32[3, 1] = [[1.0], [3.0], [0.0]]", "r = np.take_along_axis(logits, idx, axis=1)"]),
    ("index/take_along_axis_len", [LOGITS, "idx: i64[5, 1] = [[1], [3], [0], [1], [1]]", "r = np.take_along_axis(logits, idx, axis=1)"]),
    ("index/take_along_axis_axis", [LOGITS, "idx: i64[3, 1] = [[1], [3], [0]]", "r = np.take_along_axis(logits, idx, axis=2)"]),
    ("index/take_along_axis_oob", [LOGITS, "idx: i64[3, 1] = [[1], [7], [0]]", "r = np.take_along_axis(logits, idx, axis=1)"]),
    ("index/take_along_axis_argmax", [LOGITS, "r = np.take_along_axis(logits, np.argmax(logits, axis=1)[:, None], axis=1)"]),
    # ---------------------------------------------------------------- assignment and in-place
    ("assign/row_bad", [A, "a[0] = np.zeros(5)"]),
    ("assign/rows_bad", [A, "a[:2] = np.ones((3, 3))"]),
    ("assign/col_bad", [A, "a[:, 0] = np.zeros(5)"]),
    ("assign/ok", [A, "a[:, 0] = np.zeros(4)", "a"]),
    ("assign/scalar", [A, "a[1, 2] = 9", "a"]),
    ("assign/mask_bad", [A, "m: bool[3] = [True, False, True]", "a[m] = 1"]),
    ("assign/mask_ok", [A, "a[a < 0] = 0", "a"]),
    ("assign/mask_values_bad", [A, "m: bool[4] = [True, False, True, False]", "a[m, 0] = np.ones(3)"]),
    ("assign/mask_count_bad", [A, "a[a > 0] = np.ones(3)"]),
    ("assign/mask_1d_count_bad", [B5, "b[b > 2] = np.ones(2)"]),
    ("assign/fancy_bad", [A, "a[np.arange(4), np.array([0, 1, 2, 0])] = np.ones(3)"]),
    ("assign/fancy_rows_bad", [A, "a[[0, 2]] = np.ones((3, 3))"]),
    ("assign/into_scalar_bad", [A, "a[0, 0] = np.ones(2)"]),
    ("assign/fancy", [A, "a[np.arange(4), np.array([0, 1, 2, 0])] = -1.0", "a"]),
    ("assign/int_into_float", ["x: i64[3] = [1, 2, 3]", "x[0] = 2.7", "x"]),
    ("assign/leading_one", [A, "a[0] = np.ones((1, 3))", "a"]),
    ("inplace/bad", [A, B5, "a += b"]),
    ("inplace/grow", ["c: f64[4, 1] = [[1.0], [2.0], [3.0], [4.0]]", A, "c += a"]),
    ("inplace/cast", ["c: i64[4, 3]", A, "c += a"]),
    ("inplace/cast_pyfloat", ["c: i64[2] = [1, 2]", "c += 1.5"]),
    ("inplace/ok", [A, "b: f32[3] = [1.0, 2.0, 3.0]", "a -= b"]),
    ("inplace/keeps_dtype", ["x: f32[2] = [1.0, 2.0]", "y: f64[2] = [0.5, 0.5]", "x *= y"]),
    ("inplace/divide_int", ["x: i64[2] = [1, 2]", "x /= 2"]),
    # ---------------------------------------------------------------- misc functions
    ("misc/where", [A, "r = np.where(a > 0, a, 0.0)"]),
    ("misc/where_promote", ["x: f32[2] = [1.0, -1.0]", "r = np.where(x > 0, x, 0)"]),
    ("misc/where_3d", [A, "r = np.where(a > 0, a, np.zeros((2, 1, 1)))"]),
    ("misc/where_two_args", [A, "r = np.where(a > 0, a)"]),
    ("misc/where_one_arg", [A, "r = np.where(a > 0)"]),
    ("misc/clip", [A, "r = np.clip(a, -0.5, 0.5)"]),
    ("misc/clip_method", [A, "r = a.clip(0, None)"]),
    ("misc/clip_probs", ["p: f32[3] = [0.0, 0.5, 1.0]", "r = np.clip(p, 1e-7, 1 - 1e-7)"]),
    ("misc/clip_out", [A, "r = np.clip(a, 0, 1, 2)"]),
    ("misc/item", ["x: f32[1] = [2.5]", "r = x.item()"]),
    ("misc/item_bad", [A, "r = a.item()"]),
    ("misc/tolist", ["x: i64[2] = [1, 2]", "r = x.tolist()"]),
    ("misc/float_of_sum", [A, "r = float(np.sum(a))"]),
    ("misc/bad_dtype_object", ["r = np.zeros(3, dtype=5)"]),
    ("misc/matmul_one_arg", [A, "r = np.matmul(a)"]),
    ("misc/add_one_arg", [A, "r = np.add(a)"]),
    ("misc/exp_three_args", [A, "r = np.exp(a, a, a)"]),
    ("misc/reshape_bad_kw", [A, "r = a.reshape(3, 4, dim=1)"]),
    ("misc/slice_float", [A, "r = a[1.5:]"]),
    ("misc/nonzero_0d", ["s: f32[] = 1.0", "r = np.nonzero(s)"]),
    ("misc/linspace_negative", ["r = np.linspace(0, 1, -1)"]),
    ("misc/clip_none", [A, "r = np.clip(a, None, None)"]),
    ("misc/matmul_inplace_bad", ["x: f64[2, 2]", "y: f64[2, 3]", "x @= y"]),
    ("misc/expand_dims_repeated", [A, "r = np.expand_dims(a, (0, 0))"]),
    ("misc/expand_dims_tuple", [A, "r = np.expand_dims(a, (0, 3))"]),
    ("misc/transpose_repeated", [A, "r = np.transpose(a, (0, 0))"]),
    ("misc/take_along_axis_none", [A, "idx: i64[2, 1] = [[0], [1]]", "r = np.take_along_axis(a, idx, axis=None)"]),
    ("misc/take_along_axis_none_ok", [A, "idx: i64[2] = [0, 11]", "r = np.take_along_axis(a, idx, axis=None)"]),
    ("misc/bool_array", [A, "r = bool(a)"]),
    ("misc/not_array", [A, "r = not a"]),
    ("misc/bool_one", ["x: f32[1] = [0.5]", "r = bool(x)"]),
    ("misc/add_str", [A, "r = a + 'x'"]),
    ("misc/add_none", [A, "r = a + None"]),
    # ---------------------------------------------------------------- losses written in NumPy
    ("loss/log_softmax", [LOGITS, "r = logits - np.log(np.sum(np.exp(logits), axis=1, keepdims=True))"]),
    ("loss/log_softmax_no_keepdims", [LOGITS, "r = logits - np.log(np.sum(np.exp(logits), axis=1))"]),
    ("loss/log_softmax_stable", [LOGITS, "m = np.max(logits, axis=1, keepdims=True)",
                                 "r = logits - m - np.log(np.sum(np.exp(logits - m), axis=1, keepdims=True))"]),
    ("loss/softmax_bad_axis", ["logits: f32[3, 4]", "r = np.exp(logits) / np.sum(np.exp(logits), axis=1)"]),
    ("loss/cross_entropy", [LOGITS, LABELS,
                            "logp = logits - np.log(np.sum(np.exp(logits), axis=1, keepdims=True))",
                            "loss = -np.mean(logp[np.arange(3), labels])"]),
    ("loss/cross_entropy_col", [LOGITS, COL,
                                "logp = logits - np.log(np.sum(np.exp(logits), axis=1, keepdims=True))",
                                "loss = -np.mean(logp[np.arange(3), labels])"]),
    ("loss/one_hot_ce", [LOGITS, LABELS,
                         "p = np.exp(logits) / np.sum(np.exp(logits), axis=1, keepdims=True)",
                         "loss = -np.sum(np.eye(4)[labels] * np.log(p)) / 3"]),
    ("loss/mse_col_vs_vec", ["pred: f32[3, 1] = [[0.5], [1.5], [2.0]]", "y: f32[3] = [1.0, 1.0, 2.0]",
                             "loss = np.mean((pred - y) ** 2)"]),
    ("loss/mse", ["pred: f32[3] = [0.5, 1.5, 2.0]", "y: f32[3] = [1.0, 1.0, 2.0]", "loss = np.mean((pred - y) ** 2)"]),
    ("loss/bce", ["p: f64[3] = [0.9, 0.2, 0.6]", "y: f64[3] = [1.0, 0.0, 1.0]",
                  "loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))"]),
    ("loss/bce_log0", ["p: f64[2] = [1.0, 0.0]", "y: f64[2] = [1.0, 0.0]",
                       "loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))"]),
    ("loss/accuracy", [LOGITS, LABELS, "acc = np.mean(np.argmax(logits, axis=1) == labels)"]),
    ("loss/accuracy_col", [LOGITS, COL, "acc = np.mean(np.argmax(logits, axis=1) == labels)"]),
    ("loss/linear", ["X: f32[5, 3]", "W: f32[4, 2]", "r = X @ W"]),
    ("loss/linear_ok", ["X: f32[5, 3]", "W: f32[3, 2]", "b: f32[2]", "r = X @ W + b"]),
]


def fmt(x):
    if isinstance(x, list):
        return "[" + ", ".join(fmt(v) for v in x) + "]"
    if isinstance(x, bool):
        return "True" if x else "False"
    return repr(x)


def translate(line, env, state):
    """The Python for one line; declarations are built here directly."""
    m = DECL.match(line)
    if not m:
        return line
    name, dtype, dims, value = m.groups()
    t = NDT[dtype]
    shape = tuple(int(d) for d in dims.split(",") if d.strip())
    if value is None:
        state["shape_only"] = True
        if np.prod(shape) > 1_000_000:
            # a read-only view of one zero: big shapes cost no memory
            env[name] = np.broadcast_to(np.zeros((), t), shape)
        else:
            rng = np.random.default_rng(7)
            data = rng.standard_normal(shape) if np.dtype(t).kind == "f" else np.zeros(shape)
            env[name] = data.astype(t) if shape else t(data)
    else:
        literal = eval(value)
        env[name] = np.array(literal, dtype=t) if shape else t(literal)
        assert env[name].shape == shape, (line, env[name].shape)
    return None


def describe(r, state):
    if isinstance(r, (np.ndarray, np.generic)):
        a = np.asarray(r)
        if a.dtype not in SHORT:
            return {"status": "ok", "dtype": str(a.dtype), "shape": list(a.shape), "value": None}
        value = None if state["shape_only"] or state["random"] else a.tolist()
        return {"status": "ok", "dtype": SHORT[a.dtype], "shape": list(a.shape), "value": value}
    out = {"status": "ok", "dtype": None, "shape": None, "value": None}
    if isinstance(r, (bool, int, float, str)) or (isinstance(r, (tuple, list)) and
                                                  all(isinstance(v, (bool, int, float)) for v in r)):
        out["value"] = list(r) if isinstance(r, tuple) else r
    if out["value"] is not None or isinstance(r, (np.dtype, type)):
        out["repr"] = repr(r)
    return out


def run(lines):
    env = {"np": np, "numpy": np}
    state = {"shape_only": False, "random": any("random" in l for l in lines)}
    *setup, last = lines
    for line in setup:
        code = translate(line, env, state)
        if code is not None:
            exec(code, env)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            if DECL.match(last):
                translate(last, env, state)
                r = env[DECL.match(last).group(1)]
            elif AUG.match(last):
                exec(last, env)
                r = env[AUG.match(last).group(1)]
            elif SETITEM.match(last):
                exec(last, env)
                r = eval(SETITEM.match(last).group(3), env)
            elif ASSIGN.match(last):
                r = eval(ASSIGN.match(last).group(2), env)
            else:
                r = eval(last, env)
        except Exception as e:  # noqa: the framework's own error is the fact recorded
            return {"status": "error", "type": type(e).__name__, "message": str(e)}
    out = describe(r, state)
    # each text once, as Python's default warning filter shows them (and as Shapes reports them)
    out["warnings"] = list(dict.fromkeys(str(w.message) for w in caught))
    return out


def main():
    path = sys.argv[1]
    seen = set()
    with open(path, "w") as f:
        for family, lines in CASES:
            dsl = HEADER + "\n" + "\n".join(lines) + "\n"
            h = hashlib.sha1(dsl.encode()).hexdigest()[:12]
            assert h not in seen, family
            seen.add(h)
            case = {"id": family + "#" + h, "family": family, "framework": "numpy", "dsl": dsl,
                    "numpy": np.__version__, "expect": run(lines)}
            f.write(json.dumps(case) + "\n")
    print(len(CASES), "cases with NumPy", np.__version__, "->", path)


if __name__ == "__main__":
    main()
