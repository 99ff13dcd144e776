# Reads nnplay's Keras or PyTorch export (web/app/export_code.js) as Python source without
# running it: parses it with ast and reports, as JSON, its top-level statements, every string
# constant, the literals NAME/INPUTS/BATCH_SIZE and, for Keras, the layers and weights a Keras 3
# model built from it would hold (tests/js/export_keras.test.mjs rebuilds that model in
# TensorFlow.js layers). It also runs the Keras export's numpy features(x1, x2) alone on given
# points. Input on stdin: a list of {"code", "x1"?, "x2"?}; output: a list of reports.
import ast
import json
import sys

import numpy as np


def value(node):
    """A literal as JSON, a name as {"name": ...}, a call as {"call": dotted, "args", "kwargs"}."""
    if isinstance(node, ast.Name):
        return {"name": node.id}
    if isinstance(node, ast.Attribute):
        return {"name": dotted(node)}
    if isinstance(node, ast.Call):
        return {"call": dotted(node.func), "args": [value(a) for a in node.args],
                "kwargs": {k.arg: value(k.value) for k in node.keywords}}
    return ast.literal_eval(node)


def dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return dotted(node.value) + "." + node.attr
    if isinstance(node, ast.Call):  # np.array(...).reshape(...)
        return dotted(node.func)
    raise ValueError(f"unexpected {ast.dump(node)}")


def report(job):
    tree = ast.parse(job["code"])
    out = {"statements": [], "layers": None, "weights": None, "defs": {}, "strings": []}
    for st in tree.body:
        if isinstance(st, ast.FunctionDef):
            out["statements"].append("def " + st.name)
            out["defs"][st.name] = ast.unparse(st.body)
        elif isinstance(st, ast.Assign):
            name = st.targets[0].id
            out["statements"].append(name + " =")
            if name == "model" and isinstance(st.value, ast.Call) and dotted(st.value.func) == "keras.Sequential":
                out["layers"] = [value(e) for e in st.value.args[0].elts]
            elif name in ("NAME", "INPUTS", "BATCH_SIZE"):
                out[name] = ast.literal_eval(st.value)
        elif isinstance(st, ast.Expr) and isinstance(st.value, ast.Call) and dotted(st.value.func) == "model.set_weights":
            out["statements"].append("model.set_weights")
            arrays = []
            for e in st.value.args[0].elts:  # np.array([...], dtype=np.float32)[.reshape(a, b)]
                if dotted(e.func) == "np.array.reshape" or (isinstance(e.func, ast.Attribute) and e.func.attr == "reshape"):
                    arr, shape = e.func.value, [ast.literal_eval(a) for a in e.args]
                else:
                    arr, shape = e, None
                dtype = dotted(arr.keywords[0].value)
                values = np.array(ast.literal_eval(arr.args[0]), dtype=np.float32)
                arrays.append({"dtype": dtype, "shape": shape if shape else [len(values)],
                               "bits": values.view(np.int32).tolist()})
            out["weights"] = arrays
        else:
            out["statements"].append(type(st).__name__ + (" " + dotted(st.value.func) if isinstance(st, ast.Expr) else ""))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            out["strings"].append(node.value)
    if "x1" in job and "features" in out["defs"]:
        ns = {}
        only = [st for st in tree.body if isinstance(st, ast.FunctionDef) and st.name == "features"]
        exec(compile(ast.Module(only, type_ignores=[]), "<export>", "exec"), {"np": np}, ns)
        out["features"] = ns["features"](job["x1"], job["x2"]).reshape(-1).astype(np.float64).tolist()
    return out


def main():
    out = []
    for job in json.load(sys.stdin):
        try:
            out.append(report(job))
        except SyntaxError as e:
            out.append({"error": f"SyntaxError: {e}"})
    json.dump(out, sys.stdout)


main()
