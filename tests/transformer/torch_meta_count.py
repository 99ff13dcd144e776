#!/usr/bin/python3
"""Independent check of `nnplay count` for transformers: builds each model's real layer
shapes with torch.nn modules on the 'meta' device (no memory is allocated), sums
p.numel() over model.parameters() the way Hugging Face's num_parameters() does, and
compares with the CLI's --json total. Reads the config.json samples itself (its own
mapping, not the core's) and also checks random stacks given as CLI flags.

usage: /usr/bin/python3 torch_meta_count.py path/to/nnplay   (exit 77 = torch missing)
"""
import json
import os
import random
import subprocess
import sys

try:
    import torch
    from torch import nn
except ImportError:
    print("torch is not installed for this python; skipping")
    sys.exit(77)

META = torch.device("meta")
HERE = os.path.dirname(os.path.abspath(__file__))


class RMSNorm(nn.Module):  # LlamaRMSNorm: a weight, no bias
    def __init__(self, d):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(d, device=META))


def lin(i, o, bias):
    return nn.Linear(i, o, bias=bias, device=META)


def build(c):
    """c: dict in the spec's vocabulary, built as the HF modeling files lay out layers."""
    d, hd = c["width"], c["head_dim"] or c["width"] // c["heads"]
    norm = (lambda: nn.LayerNorm(d, device=META)) if c["norm"] == "layernorm" else (lambda: RMSNorm(d))
    m = nn.Module()
    m.embed = nn.Embedding(c["vocab"], d, device=META)
    if c["positions"] == "learned":
        m.pos = nn.Embedding(c["context"], d, device=META)
    if c["token_types"]:
        m.types = nn.Embedding(c["token_types"], d, device=META)
    if c["embedding_norm"]:
        m.emb_norm = norm()
    blocks = nn.ModuleList()
    for _ in range(c["layers"]):
        b = nn.Module()
        b.n1, b.n2 = norm(), norm()
        b.q = lin(d, c["heads"] * hd, c["qkv_bias"])
        b.k = lin(d, c["kv_heads"] * hd, c["qkv_bias"])
        b.v = lin(d, c["kv_heads"] * hd, c["qkv_bias"])
        b.o = lin(c["heads"] * hd, d, c["out_bias"])
        experts = nn.ModuleList()
        for _ in range(c["experts"]):
            e = nn.Module()
            e.up = lin(d, c["mlp_width"], c["mlp_bias"])
            e.down = lin(c["mlp_width"], d, c["mlp_bias"])
            if c["mlp"] == "swiglu":
                e.gate = lin(d, c["mlp_width"], c["mlp_bias"])
            experts.append(e)
        b.experts = experts
        if c["experts"] > 1:
            b.router = lin(d, c["experts"], False)
        blocks.append(b)
    m.blocks = blocks
    if c["final_norm"]:
        m.final = norm()
    if c["lm_head"]:
        m.head = lin(d, c["vocab"], False)
        if c["tied"]:
            m.head.weight = m.embed.weight  # shared: parameters() yields it once
    if c["pooler"]:
        m.pooler = lin(d, d, True)
    return m


def from_hf(cfg):
    """This script's own reading of a config.json (GPT2/Llama/Mistral/Mixtral/Qwen2/Bert)."""
    t = cfg["model_type"]
    c = dict(head_dim=0, token_types=0, embedding_norm=False, final_norm=True, pooler=False,
             lm_head=True, experts=1, qkv_bias=False, out_bias=False, mlp_bias=False)
    if t == "gpt2":
        d = cfg["n_embd"]
        c.update(vocab=cfg["vocab_size"], width=d, layers=cfg["n_layer"], heads=cfg["n_head"],
                 kv_heads=cfg["n_head"], mlp_width=cfg.get("n_inner") or 4 * d, mlp="gelu",
                 norm="layernorm", positions="learned", context=cfg["n_positions"],
                 tied=cfg.get("tie_word_embeddings", True), qkv_bias=True, out_bias=True, mlp_bias=True)
    elif t == "bert":
        c.update(vocab=cfg["vocab_size"], width=cfg["hidden_size"], layers=cfg["num_hidden_layers"],
                 heads=cfg["num_attention_heads"], kv_heads=cfg["num_attention_heads"],
                 mlp_width=cfg["intermediate_size"], mlp="gelu", norm="layernorm", positions="learned",
                 context=cfg["max_position_embeddings"], tied=False, qkv_bias=True, out_bias=True,
                 mlp_bias=True, token_types=cfg["type_vocab_size"], embedding_norm=True,
                 final_norm=False, pooler=True, lm_head=False)
    else:
        h = cfg["num_attention_heads"]
        c.update(vocab=cfg["vocab_size"], width=cfg["hidden_size"], layers=cfg["num_hidden_layers"],
                 heads=h, kv_heads=cfg.get("num_key_value_heads") or h, mlp_width=cfg["intermediate_size"],
                 mlp="swiglu", norm="rmsnorm", positions="rotary", context=cfg["max_position_embeddings"],
                 tied=cfg.get("tie_word_embeddings", False), qkv_bias=(t == "qwen2"))
        if t == "mixtral":
            c["experts"] = cfg["num_local_experts"]
    return c


def torch_count(c):
    return sum(p.numel() for p in build(c).parameters())


def cli_count(nnplay, args):
    out = subprocess.run([nnplay, "count", *args, "--json"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)["params"]


def main():
    nnplay = sys.argv[1]
    fails = 0
    hf = os.path.join(HERE, "hf")
    for f in sorted(os.listdir(hf)):
        cfg = json.load(open(os.path.join(hf, f)))
        want, got = torch_count(from_hf(cfg)), cli_count(nnplay, ["--hf-config", os.path.join(hf, f)])
        ok = want == got
        fails += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {f}: torch meta {want:,}, nnplay {got:,}")
    rng = random.Random(13)
    for i in range(30):
        heads = rng.choice([1, 2, 3, 4, 6, 8])
        c = dict(vocab=rng.randint(1, 5000), width=heads * rng.randint(1, 24), layers=rng.randint(1, 4),
                 heads=heads, head_dim=0, mlp_width=rng.randint(1, 200), mlp=rng.choice(["gelu", "swiglu"]),
                 norm=rng.choice(["layernorm", "rmsnorm"]), positions=rng.choice(["learned", "rotary"]),
                 context=rng.randint(1, 300), tied=rng.random() < .5, qkv_bias=rng.random() < .5,
                 out_bias=rng.random() < .5, mlp_bias=rng.random() < .5, final_norm=rng.random() < .5,
                 embedding_norm=rng.random() < .5, token_types=rng.choice([0, 0, 2, 3]),
                 pooler=rng.random() < .3, lm_head=rng.random() < .8, experts=rng.choice([1, 1, 2, 4]))
        c["kv_heads"] = rng.choice([k for k in range(1, heads + 1) if heads % k == 0])
        if rng.random() < .3:
            c["head_dim"] = rng.randint(1, 20)
        c["experts_per_token"] = rng.randint(1, c["experts"])
        args = []
        for k, v in c.items():
            flag = "--" + k.replace("_", "-")
            args += [f"{flag}={'true' if v else 'false'}"] if isinstance(v, bool) else [flag, str(v)]
        want, got = torch_count(c), cli_count(nnplay, args)
        ok = want == got
        fails += not ok
        if not ok or i < 3:
            print(f"{'ok  ' if ok else 'FAIL'} random stack {i}: torch meta {want:,}, nnplay {got:,}")
    print(f"{fails} failed" if fails else "all equal")
    sys.exit(1 if fails else 0)


main()
