# PyTorch as the trusted engine for the node tests (micrograd's habit): one process reads a
# JSON list of jobs on stdin and writes a JSON list of results, so torch is imported once.
# Run with Debian's /usr/bin/python3 (python3-torch 1.13); the tests start it.
#
# Jobs:
#   {"kind": "export", "code": <nnplay's PyTorch export>, "x1"/"x2" (raw points) or "x" (rows),
#    "steps": [{"x": rows, "y": rows}, ...]}
#     runs the exported text as a module and returns its predictions, its weights as stored
#     (float32 bit patterns, to check the literals are exact) and its parameters after
#     train_step on each batch.
#   {"kind": "train", "inputs", "layers": [{units, activation, bias, weights, biases}], "loss",
#    "optimizer", "lr", "momentum", "l1", "l2", "steps": [{"x", "y"}, ...]}
#     builds the network here from the spec (not from the export), sets torch's optimiser up
#     to follow core/optim.h's documented rule and returns the loss and parameters per step.
import json
import sys

import torch
from torch import nn
import torch.nn.functional as F

torch.set_num_threads(1)  # the machine is shared; the sizes are tiny


def f32(rows):
    return torch.tensor(rows, dtype=torch.float32)


def params_of(model):
    # nnplay's layout: each Linear's weights (in, out) row-major, then its biases.
    out = []
    for m in model:
        if isinstance(m, nn.Linear):
            w = m.weight.detach().t().reshape(-1).tolist()
            b = m.bias.detach().tolist() if m.bias is not None else []
            out.append({"weights": w, "biases": b})
    return out


def bits_of(model):
    out = []
    for m in model:
        if isinstance(m, nn.Linear):
            w = m.weight.detach().t().contiguous().reshape(-1).view(torch.int32).tolist()
            b = m.bias.detach().view(torch.int32).tolist() if m.bias is not None else []
            out.append({"weights": w, "biases": b})
    return out


def run_export(job):
    ns = {"__name__": "nnplay_export"}
    exec(compile(job["code"], "<export>", "exec"), ns)
    model = ns["model"]
    with torch.no_grad():
        x = ns["features"](job["x1"], job["x2"]) if "x1" in job else f32(job["x"])
        pred = model(x).reshape(-1).tolist()
    result = {"predictions": pred, "bits": bits_of(model), "inputs": ns["INPUTS"],
              "name": ns.get("NAME"), "losses": [], "params": []}
    for s in job.get("steps", []):
        result["losses"].append(ns["train_step"](f32(s["x"]), f32(s["y"])))
        result["params"].append(params_of(model))
    return result


ACT = {
    "linear": None, "relu": lambda: nn.ReLU(), "leaky_relu": lambda: nn.LeakyReLU(0.01),
    "tanh": lambda: nn.Tanh(), "sigmoid": lambda: nn.Sigmoid(),
    "gelu": lambda: nn.GELU(approximate="tanh"), "swish": lambda: nn.SiLU(),
    "softmax": lambda: nn.Softmax(dim=1),
}


def run_train(job):
    dt = torch.float64 if job.get("float64") else torch.float32
    f32 = lambda rows: torch.tensor(rows, dtype=dt)  # noqa: E731 (the job's precision)
    mods, linears = [], []
    n_in = job["inputs"]
    for l in job["layers"]:
        lin = nn.Linear(n_in, l["units"], bias=l["bias"], dtype=dt)
        with torch.no_grad():
            lin.weight.copy_(f32(l["weights"]).reshape(n_in, l["units"]).t())
            if l["bias"]:
                lin.bias.copy_(f32(l["biases"]))
        mods.append(lin)
        linears.append(lin)
        if ACT[l["activation"]]:
            mods.append(ACT[l["activation"]]())
        n_in = l["units"]
    model = nn.Sequential(*mods)
    body = model[:-1] if ACT[job["layers"][-1]["activation"]] else model  # up to the logits

    def loss_fn(x, y):  # core/loss.h
        if job["loss"] == "half_mse":
            return 0.5 * ((model(x) - y) ** 2).sum(dim=1).mean()
        if job["loss"] == "bce":
            return F.binary_cross_entropy_with_logits(body(x), y, reduction="none").sum(dim=1).mean()
        return -(y * F.log_softmax(body(x), dim=1)).sum(dim=1).mean()

    # core/optim.h: g' = g + l2·w + l1·sign(w) on weights only; torch's weight_decay is the
    # l2 term (added before momentum/Adam moments, as there); l1 is added to .grad by hand.
    weights = [m.weight for m in linears]
    biases = [m.bias for m in linears if m.bias is not None]
    groups = [{"params": weights, "weight_decay": job["l2"]}]
    if biases:
        groups.append({"params": biases, "weight_decay": 0.0})
    if job["optimizer"] == "sgd":
        opt = torch.optim.SGD(groups, lr=job["lr"])
    elif job["optimizer"] == "momentum":  # v = μ·v + g; p −= lr·v (no dampening, not Nesterov)
        opt = torch.optim.SGD(groups, lr=job["lr"], momentum=job["momentum"], dampening=0.0)
    else:  # m̂/(√v̂ + ε), both bias corrections; L2 in the gradient (Adam, not AdamW)
        opt = torch.optim.Adam(groups, lr=job["lr"], betas=(0.9, 0.999), eps=1e-8)
    losses, params = [], []
    for s in job["steps"]:
        opt.zero_grad()
        loss = loss_fn(f32(s["x"]), f32(s["y"]))
        loss.backward()
        if job["l1"]:
            for w in weights:
                w.grad += job["l1"] * torch.sign(w.detach())
        opt.step()
        losses.append(loss.item())
        params.append(params_of(model))
    return {"losses": losses, "params": params}


def main():
    jobs = json.load(sys.stdin)
    out = []
    for job in jobs:
        try:
            if job["kind"] == "export":
                out.append(run_export(job))
            else:  # in float32 (torch's own rounding) and float64 (the rule, near exactly)
                out.append({"float32": run_train(job), "float64": run_train({**job, "float64": True})})
        except Exception as e:  # reported per job, so one bad case names itself
            out.append({"error": f"{type(e).__name__}: {e}"})
    json.dump(out, sys.stdout)


main()
