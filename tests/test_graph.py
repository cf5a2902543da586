"""Tests for gdlab.engine.gradients.graph: every op's gradient against central differences."""

from __future__ import annotations

import math

import numpy as np
import pytest


from gdlab.engine.gradients import graph as G
from gdlab.engine.gradients.graph import Constant, Node, Variable, as_node, clear_grads, fn, unbroadcast

RTOL = 1e-6


# -- helpers ---------------------------------------------------------------------------
def central_diff(f, arrays, h=1e-5):
    """Numerical gradient of scalar ``f(*arrays)`` w.r.t. each array (central differences)."""
    grads = []
    for a in arrays:
        g = np.zeros_like(a)
        it = np.nditer(a, flags=["multi_index"])
        for _ in it:
            i = it.multi_index
            old = a[i]
            a[i] = old + h
            fp = f(*arrays)
            a[i] = old - h
            fm = f(*arrays)
            a[i] = old
            g[i] = (fp - fm) / (2 * h)
        grads.append(g)
    return grads


def rel_err(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    scale = max(np.max(np.abs(a), initial=0.0), np.max(np.abs(b), initial=0.0), 1e-8)
    return np.max(np.abs(a - b), initial=0.0) / scale


def check_grad(build, *arrays):
    """Compare backprop through ``build(*Variables)`` with central differences.

    A non-scalar output is reduced as ``sum(out * R)`` with fixed random ``R``, so
    the whole Jacobian is exercised.
    """
    arrays = [np.array(a, dtype=np.float64) for a in arrays]
    out0 = build(*[Variable(a) for a in arrays])
    weights = np.random.default_rng(99).normal(size=out0.shape)

    def scalar(*arrs):
        out = build(*[Constant(a) for a in arrs])
        return float(np.sum(out.value * weights))

    vs = [Variable(a.copy()) for a in arrays]
    out = build(*vs)
    loss = G.sum(out * weights) if out.shape else out * weights
    loss.backward()
    num = central_diff(scalar, arrays)
    for v, n in zip(vs, num):
        assert v.grad.shape == v.shape
        assert rel_err(v.grad, n) < RTOL, (v.grad, n)


@pytest.fixture
def rng():
    return np.random.default_rng(0)


def away_from_zero(rng, shape, lo=0.3, hi=2.0):
    return rng.uniform(lo, hi, size=shape) * rng.choice([-1.0, 1.0], size=shape)


# -- unbroadcast -------------------------------------------------------------------------
def test_unbroadcast():
    g = np.ones((2, 4, 3))
    assert unbroadcast(g, (3,)).tolist() == [8.0, 8.0, 8.0]
    assert unbroadcast(g, (4, 1)).shape == (4, 1)
    assert np.all(unbroadcast(g, (4, 1)) == 6.0)
    assert unbroadcast(g, ()).item() == 24.0
    assert unbroadcast(g, (2, 4, 3)).shape == (2, 4, 3)


# -- arithmetic with broadcasting --------------------------------------------------------
BROADCAST_SHAPES = [((4, 3), (4, 3)), ((4, 3), (3,)), ((3,), (4, 3)), ((4, 1), (4, 3)),
                    ((), (4, 3)), ((2, 1, 3), (4, 1)), ((5, 1), (1, 3))]


@pytest.mark.parametrize("sa,sb", BROADCAST_SHAPES)
@pytest.mark.parametrize("op", ["add", "sub", "mul", "div"])
def test_binary_ops_broadcast(op, sa, sb, rng):
    a = rng.normal(size=sa)
    b = away_from_zero(rng, sb)
    funcs = {"add": lambda x, y: x + y, "sub": lambda x, y: x - y,
             "mul": lambda x, y: x * y, "div": lambda x, y: x / y}
    check_grad(funcs[op], a, b)
    check_grad(getattr(G, op), a, b)  # module-level functions too


@pytest.mark.parametrize("p", [2, 3, 0.5, -1.5, 1.0])
def test_pow_number(p, rng):
    check_grad(lambda x: x ** p, rng.uniform(0.5, 2.0, size=(3, 2)))


def test_pow_node_exponent(rng):
    check_grad(lambda a, b: a ** b, rng.uniform(0.5, 2.0, size=(3, 2)), rng.normal(size=(2,)))
    check_grad(lambda b: 2.0 ** b, rng.normal(size=(4,)))
    check_grad(lambda a: G.pow(a, Constant(3.0)), rng.normal(size=(4,)))


@pytest.mark.parametrize("sa,sb", [((5, 4), (4, 3)), ((4,), (4, 3)), ((5, 4), (4,)),
                                   ((4,), (4,)), ((2, 5, 4), (4, 3)), ((2, 5, 4), (2, 4, 3))])
def test_matmul(sa, sb, rng):
    check_grad(lambda a, b: a @ b, rng.normal(size=sa), rng.normal(size=sb))
    check_grad(G.matmul, rng.normal(size=sa), rng.normal(size=sb))


@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 2)])
@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("red", ["sum", "mean"])
def test_reductions(red, axis, keepdims, rng):
    f = getattr(G, red)
    check_grad(lambda x: f(x, axis=axis, keepdims=keepdims), rng.normal(size=(2, 3, 4)))
    x = rng.normal(size=(2, 3, 4))
    out = f(Variable(x), axis=axis, keepdims=keepdims)
    assert np.allclose(out.value, getattr(np, red)(x, axis=axis, keepdims=keepdims))


def test_reduction_methods(rng):
    check_grad(lambda x: x.sum(axis=0) * x.mean(axis=1, keepdims=True), rng.normal(size=(3, 3)))


UNARY = {
    "neg": (lambda x: -x, "any"), "exp": (G.exp, "any"), "log": (G.log, "pos"),
    "sqrt": (G.sqrt, "pos"), "abs": (G.abs, "nonzero"), "sin": (G.sin, "any"),
    "cos": (G.cos, "any"), "tanh": (G.tanh, "any"), "sigmoid": (G.sigmoid, "any"),
    "relu": (G.relu, "nonzero"), "square": (G.square, "any"), "builtin_abs": (abs, "nonzero"),
}


@pytest.mark.parametrize("name", list(UNARY))
def test_unary_ops(name, rng):
    f, domain = UNARY[name]
    x = {"any": rng.normal(size=(4, 3)), "pos": rng.uniform(0.2, 3.0, size=(4, 3)),
         "nonzero": away_from_zero(rng, (4, 3), 0.05, 2.0)}[domain]
    check_grad(f, x)
    check_grad(f, x[0, 0])  # scalar (0-d) values too


def test_unary_values_and_labels(rng):
    x = rng.normal(size=5)
    for name, ref in [("exp", np.exp), ("sin", np.sin), ("cos", np.cos), ("tanh", np.tanh),
                      ("sigmoid", lambda u: 1 / (1 + np.exp(-u))), ("relu", lambda u: np.maximum(u, 0))]:
        out = getattr(G, name)(Variable(x))
        assert np.allclose(out.value, ref(x))
        assert out.op == name
    assert np.isclose(G.sigmoid(Constant(-1000.0)).item(), 0.0)  # no overflow warning/NaN
    assert (Variable(1.0) + 2.0).op == "add"


def test_abs_derivative_at_zero_is_minus_one():
    x = Variable(np.array([0.0, 2.0, -3.0]))
    G.sum(G.abs(x)).backward()
    assert x.grad.tolist() == [-1.0, 1.0, -1.0]


def test_relu_derivative_at_zero_is_zero():
    x = Variable(np.array([0.0, 2.0, -3.0]))
    G.sum(G.relu(x)).backward()
    assert x.grad.tolist() == [0.0, 1.0, 0.0]


def test_getitem(rng):
    check_grad(lambda x: x[1:, 0] * x[0, 2], rng.normal(size=(3, 4)))
    check_grad(lambda x: x[np.array([0, 0, 2])], rng.normal(size=(3, 2)))


# -- losses ------------------------------------------------------------------------------
def one_hot(rng, n, c):
    return np.eye(c)[rng.integers(0, c, size=n)]


def ref_ce_exact(z, t):
    s = z - z.max(axis=1, keepdims=True)
    logy = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
    return -np.sum(t * logy) / z.shape[0]


@pytest.mark.parametrize("eps", [0.0, 1e-7])
def test_softmax_cross_entropy(eps, rng):
    z = rng.normal(size=(5, 4)) * 3
    t = one_hot(rng, 5, 4)
    check_grad(lambda a: G.softmax_cross_entropy(a, t, eps=eps), z)
    soft = rng.dirichlet(np.ones(4), size=5)
    check_grad(lambda a, b: G.softmax_cross_entropy(a, b, eps=eps), z, soft)  # grad w.r.t. targets too
    y = np.exp(z - z.max(1, keepdims=True))
    y /= y.sum(1, keepdims=True)
    value = G.softmax_cross_entropy(z, t, eps=eps).item()
    if eps == 0:
        assert np.isclose(value, ref_ce_exact(z, t), rtol=1e-12)
    else:
        assert np.isclose(value, -np.sum(t * np.log(y + eps)) / 5, rtol=1e-12)


def test_softmax_cross_entropy_exact_gradient_and_stability(rng):
    z = Variable(rng.normal(size=(6, 3)))
    t = one_hot(rng, 6, 3)
    G.softmax_cross_entropy(z, t).backward()
    y = np.exp(z.value) / np.exp(z.value).sum(1, keepdims=True)
    assert np.allclose(z.grad, (y - t) / 6, rtol=0, atol=1e-15)
    big = Variable(np.array([[1000.0, 0.0, -1000.0]]))
    loss = G.softmax_cross_entropy(big, np.array([[0.0, 0.0, 1.0]]))
    loss.backward()
    assert np.isclose(loss.item(), 2000.0) and np.all(np.isfinite(big.grad))
    # the textbook +1e-7 version caps the loss at -log(1e-7)
    capped = G.softmax_cross_entropy(big, np.array([[0.0, 0.0, 1.0]]), eps=1e-7)
    assert np.isclose(capped.item(), -np.log(1e-7))


def test_squared_and_absolute_error(rng):
    p, t = rng.normal(size=(6, 2)), rng.normal(size=(6, 2))
    mse = lambda a, b: G.mean(G.square(G.sub(a, b)))  # noqa: E731
    mae = lambda a, b: G.mean(G.abs(G.sub(a, b)))  # noqa: E731
    check_grad(mse, p, t)
    check_grad(mae, p, t)
    check_grad(lambda a: mse(a, t[:, :1]), p)  # broadcast target
    assert np.isclose(mse(p, t).item(), np.mean((p - t) ** 2))
    assert np.isclose(mae(p, t).item(), np.mean(np.abs(p - t)))


# -- operators and numpy interplay -------------------------------------------------------
def test_reversed_operators(rng):
    x = rng.uniform(0.5, 2.0, size=(3,))
    check_grad(lambda v: 2.0 + v, x)
    check_grad(lambda v: 2.0 - v, x)
    check_grad(lambda v: 2.0 * v, x)
    check_grad(lambda v: 2.0 / v, x)
    check_grad(lambda v: 2.0 ** v, x)
    check_grad(lambda v: np.ones((3, 3)) @ v, x)
    check_grad(lambda v: +v, x)


def test_numpy_scalars_and_arrays_defer_to_node():
    x = Variable(np.array([1.0, 2.0]))
    for out in [np.float64(3.0) * x, np.float32(3.0) + x, np.ones(2) - x, np.ones(2) / x,
                np.eye(2) @ x, np.float64(2.0) ** x, x * np.float64(3.0)]:
        assert isinstance(out, Node)
    out = np.float64(3.0) * x
    G.sum(out).backward()
    assert x.grad.tolist() == [3.0, 3.0]


def test_leaves_and_as_node():
    v = Variable(2.0, name="w")
    assert v.value.shape == () and v.value.dtype == np.float64 and v.grad.tolist() == 0.0
    assert v.requires_grad and v.name == "w" and v.op == ""
    v.value = 3
    assert v.value.dtype == np.float64 and float(v) == 3.0
    v.set([1.0, 2.0])
    assert v.shape == (2,) and v.grad.shape == (2,)
    c = Constant(np.arange(3), name="data")
    assert not c.requires_grad and c.grad is None and c.dtype == np.float64
    assert as_node(v) is v
    k = as_node(1.5)
    assert isinstance(k, Constant) and k.item() == 1.5
    assert Variable(np.zeros(2, np.float32)).dtype == np.float32
    assert "w" in repr(Variable(1.0, name="w"))


def test_constants_get_no_gradient():
    c = Constant(np.array([1.0, 2.0]))
    w = Variable(np.array([3.0, 4.0]))
    loss = G.sum(c * w)
    loss.backward()
    assert c.grad is None and w.grad.tolist() == [1.0, 2.0]
    G.sum(c * c).backward()  # a graph with nothing to differentiate is fine
    assert c.grad is None


def test_backward_needs_scalar_or_seed():
    x = Variable(np.array([1.0, 2.0]))
    y = x * 3.0
    with pytest.raises(ValueError):
        y.backward()
    y.backward(np.array([1.0, 10.0]))
    assert x.grad.tolist() == [3.0, 30.0]


# -- accumulation, clearing, traversal ---------------------------------------------------
def test_backward_accumulates_and_clear_grads():
    w, b = Variable(2.0), Variable(np.array([1.0, -1.0]))
    loss = G.sum(w * w * b + b)
    loss.backward()
    gw, gb = w.grad.copy(), b.grad.copy()
    assert np.isclose(gw, 2 * 2.0 * 0.0) and np.allclose(gb, [5.0, 5.0])
    loss.backward()  # no clearing: leaf gradients add up exactly
    assert np.allclose(w.grad, 2 * gw) and np.allclose(b.grad, 2 * gb)
    clear_grads(loss.variables())
    assert w.grad == 0.0 and np.all(b.grad == 0.0)
    loss.backward()
    assert np.allclose(b.grad, gb)
    b.zero_grad()
    assert np.all(b.grad == 0)


def test_shared_subexpression_accumulates():
    x = Variable(3.0)
    y = x * x
    z = y + y * x  # x^2 + x^3
    z.backward()
    assert np.isclose(x.grad, 2 * 3 + 3 * 9)
    assert np.isclose(y.grad, 1 + 3.0)


def test_topo_order_and_variables():
    a, b = Variable(1.0, name="a"), Variable(2.0, name="b")
    c = a * b
    d = c + a
    order = d.topo_order()
    assert order[-1] is d and len(order) == 4
    assert order.index(c) > order.index(a) and order.index(c) > order.index(b)
    assert {v.name for v in d.variables()} == {"a", "b"}


def test_deep_chain_no_recursion_limit():
    x = Variable(0.5)
    y = x
    for _ in range(10_000):
        y = y + x
    assert len(y.topo_order()) == 10_001
    y.backward()
    assert x.grad == 10_001.0
    z = Variable(1.0)
    y = z
    for _ in range(10_000):
        y = G.sin(y) * 1.0
    y.backward()
    assert np.isfinite(z.grad)


# -- worked examples ---------------------------------------------------------------------
@pytest.mark.parametrize("w,b,x,label", [(0.5, 0.1, 2.0, 3.0), (2.0, 1.0, 1.5, -1.0), (1.0, 1.0, 2.0, 3.0)])
def test_adaline_absolute_loss(w, b, x, label):
    wv, bv = Variable(w, name="w"), Variable(b, name="b")
    loss = G.abs(label - (wv * x + bv))
    loss.backward()
    r = label - (w * x + b)
    sign = 1.0 if r > 0 else -1.0  # sign(0) taken as -1
    assert np.isclose(loss.item(), abs(r))
    assert np.isclose(wv.grad, -sign * x)
    assert np.isclose(bv.grad, -sign)


def test_two_layer_network_matches_handwritten_backprop(rng):
    n, h, c = 8, 5, 3
    x = rng.normal(size=(n, 2))
    t = one_hot(rng, n, c)
    W1, b1 = Variable(rng.normal(size=(2, h))), Variable(np.zeros(h) + 0.1)
    W2, b2 = Variable(rng.normal(size=(h, c))), Variable(rng.normal(size=c))
    a1 = Constant(x) @ W1 + b1
    z1 = G.sigmoid(a1)
    loss = G.softmax_cross_entropy(z1 @ W2 + b2, t)
    loss.backward()
    # hand-written backprop
    a1v = x @ W1.value + b1.value
    z1v = 1 / (1 + np.exp(-a1v))
    a2v = z1v @ W2.value + b2.value
    y = np.exp(a2v - a2v.max(1, keepdims=True))
    y /= y.sum(1, keepdims=True)
    dy = (y - t) / n
    dW2, db2 = z1v.T @ dy, dy.sum(0)
    da1 = dy @ W2.value.T
    dz1 = z1v * (1 - z1v) * da1
    dW1, db1 = x.T @ dz1, dz1.sum(0)
    for got, want in [(W1.grad, dW1), (b1.grad, db1), (W2.grad, dW2), (b2.grad, db2)]:
        assert np.allclose(got, want, rtol=0, atol=1e-10)
    check_grad(lambda w1, c1, w2, c2: G.softmax_cross_entropy(G.sigmoid(x @ w1 + c1) @ w2 + c2, t),
               W1.value, b1.value, W2.value, b2.value)


def rosen(x, y):
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def ackley(x, y):
    r = fn.sqrt(0.5 * (x * x + y * y))
    return (-20 * fn.exp(-0.2 * r) - fn.exp(0.5 * (fn.cos(2 * math.pi * x) + fn.cos(2 * math.pi * y)))
            + math.e + 20)


def test_rosenbrock_gradient():
    for x0, y0 in [(-1.2, 1.0), (0.3, -0.7), (1.0, 1.0)]:
        x, y = Variable(x0), Variable(y0)
        f = rosen(x, y)
        f.backward()
        assert np.isclose(f.item(), rosen(x0, y0))
        assert np.isclose(x.grad, -2 * (1 - x0) - 400 * x0 * (y0 - x0 ** 2), rtol=1e-12)
        assert np.isclose(y.grad, 200 * (y0 - x0 ** 2), rtol=1e-12)


def test_ackley_on_nodes_floats_and_arrays(rng):
    assert isinstance(ackley(0.5, -0.25), float)
    assert np.isclose(ackley(1e-300, 0.0), 0.0, atol=1e-12)
    xs, ys = np.meshgrid(np.linspace(-2, 2, 7), np.linspace(-1, 1, 5))
    grid = ackley(xs, ys)
    assert isinstance(grid, np.ndarray) and grid.shape == (5, 7)
    for _ in range(5):
        x0, y0 = rng.uniform(-3, 3, size=2)
        node = ackley(Variable(x0), Variable(y0))
        assert isinstance(node, Node) and np.isclose(node.item(), ackley(x0, y0), rtol=1e-14)
        check_grad(ackley, x0, y0)
    check_grad(ackley, xs + 0.01, ys + 0.02)  # array-valued Variables


def test_fn_namespace_dispatch():
    x = np.array([0.5, 1.5])
    for name in ["sin", "cos", "exp", "log", "sqrt", "abs", "tanh", "square", "sigmoid", "relu"]:
        f = getattr(fn, name)
        plain = f(x)
        assert isinstance(plain, np.ndarray) and not isinstance(plain, Node)
        node = f(Variable(x))
        assert isinstance(node, Node) and np.allclose(node.value, plain)
        assert isinstance(f(0.5), (float, np.floating))
    assert fn.sum(x) == 2.0 and isinstance(fn.mean(Variable(x)), Node)


def test_topo_order_random_dag_and_gradient(rng):
    """Random graphs with heavy reuse: parents always come first; gradients match."""
    for seed in range(5):
        r = np.random.default_rng(seed)

        def build(x, y):
            pool = [x, y]
            for _ in range(30):
                a, b = pool[r.integers(len(pool))], pool[r.integers(len(pool))]
                pool.append([G.add, G.mul, lambda p, q: G.sin(p) - q * 0.5][r.integers(3)](a, b))
            return G.sum(G.tanh(pool[-1]) + pool[-2] * pool[-3])

        state = r.bit_generator.state
        out = build(Variable(rng.normal(size=2)), Variable(rng.normal(size=2)))
        order = out.topo_order()
        pos = {id(n): i for i, n in enumerate(order)}
        assert len(pos) == len(order)
        assert all(pos[id(p)] < pos[id(n)] for n in order for p in n.parents)

        def rebuild(x, y):
            r.bit_generator.state = state  # same random graph every call
            return build(x, y)

        check_grad(rebuild, rng.normal(size=2), rng.normal(size=2))
