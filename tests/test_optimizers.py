import copy
import json
import math

import numpy as np
import pytest

from gdlab.engine.optim.optimizers import OPTIMIZERS, make_optimizer

G1, G2 = 0.5, -0.25  # two successive gradients for one scalar parameter
P0 = 1.0


def two_steps(name, **hyper):
    opt = make_optimizer(name, **hyper)
    state = opt.init([P0])
    (p1,), state = opt.update([G1], state, [P0])
    (p2,), state = opt.update([G2], state, [p1])
    return p1, p2


GRADS = [np.array([0.3, -0.2]), np.array([-0.2, 0.5]), np.array([0.7, 0.1])]


def steps(opt, grads, state, p):
    """``opt``'s updates of one array leaf ``p`` for each gradient: ``(p, state)``."""
    for g in grads:
        (p,), state = opt.update([g], state, [p])
    return p, state


def leaves(state):
    """A state's step counter and slot values, flattened (None for an unset slot)."""
    return [state[0], *(v for slots in state[1] for v in slots)]


def assert_same_state(a, b):
    assert len(leaves(a)) == len(leaves(b))
    for x, y in zip(leaves(a), leaves(b)):
        assert (x is None) == (y is None)
        if x is not None:
            np.testing.assert_array_equal(x, y)


def test_sgd_by_hand():
    p1, p2 = two_steps("sgd", lr=0.1)
    assert p1 == pytest.approx(1.0 - 0.1 * 0.5)
    assert p2 == pytest.approx(p1 + 0.1 * 0.25)


def test_momentum_by_hand():
    p1, p2 = two_steps("momentum", lr=0.1, momentum=0.9)
    b1 = 0.5
    b2 = 0.9 * b1 - 0.25
    assert p1 == pytest.approx(1.0 - 0.1 * b1)
    assert p2 == pytest.approx(p1 - 0.1 * b2)


def test_nesterov_by_hand():
    p1, p2 = two_steps("nesterov", lr=0.1, momentum=0.9)
    b1 = 0.5
    b2 = 0.9 * b1 - 0.25
    assert p1 == pytest.approx(1.0 - 0.1 * (0.5 + 0.9 * b1))
    assert p2 == pytest.approx(p1 - 0.1 * (-0.25 + 0.9 * b2))


@pytest.mark.parametrize("eps", [1e-10, 0.1])  # (a large eps shows where it is added)
def test_adagrad_by_hand(eps):
    p1, p2 = two_steps("adagrad", lr=0.1, eps=eps)
    assert p1 == pytest.approx(1.0 - 0.1 * 0.5 / (math.sqrt(0.25) + eps))
    assert p2 == pytest.approx(p1 - 0.1 * -0.25 / (math.sqrt(0.25 + 0.0625) + eps))


def test_adagrad_lr_decay_by_hand():
    p1, p2 = two_steps("adagrad", lr=0.1, lr_decay=0.5, eps=1e-10)
    assert p1 == pytest.approx(1.0 - 0.1 * 0.5 / math.sqrt(0.25))  # step 1: lr itself
    assert p2 == pytest.approx(p1 - 0.1 / (1 + 0.5) * -0.25 / math.sqrt(0.25 + 0.0625))


@pytest.mark.parametrize("eps", [1e-8, 0.1])
def test_rmsprop_by_hand(eps):
    p1, p2 = two_steps("rmsprop", lr=0.01, alpha=0.99, eps=eps)
    v1 = 0.01 * 0.25
    v2 = 0.99 * v1 + 0.01 * 0.0625
    assert p1 == pytest.approx(1.0 - 0.01 * 0.5 / (math.sqrt(v1) + eps))
    assert p2 == pytest.approx(p1 - 0.01 * -0.25 / (math.sqrt(v2) + eps))


def test_rmsprop_momentum_by_hand():
    p1, p2 = two_steps("rmsprop", lr=0.01, alpha=0.99, eps=0.1, momentum=0.9)
    v1 = 0.01 * 0.25
    v2 = 0.99 * v1 + 0.01 * 0.0625
    b1 = 0.5 / (math.sqrt(v1) + 0.1)
    b2 = 0.9 * b1 + -0.25 / (math.sqrt(v2) + 0.1)
    assert p1 == pytest.approx(1.0 - 0.01 * b1)
    assert p2 == pytest.approx(p1 - 0.01 * b2)


@pytest.mark.parametrize("eps", [1e-8, 0.1])
def test_adam_by_hand(eps):
    p1, p2 = two_steps("adam", lr=0.1, eps=eps)
    m1, v1 = 0.1 * 0.5, 0.001 * 0.25
    m2, v2 = 0.9 * m1 + 0.1 * -0.25, 0.999 * v1 + 0.001 * 0.0625
    step1 = 0.1 * (m1 / 0.1) / (math.sqrt(v1 / 0.001) + eps)
    step2 = 0.1 * (m2 / (1 - 0.81)) / (math.sqrt(v2 / (1 - 0.999 ** 2)) + eps)
    assert p1 == pytest.approx(1.0 - step1)
    assert p2 == pytest.approx(p1 - step2)
    if eps < 1e-6:
        assert p1 == pytest.approx(0.9, rel=1e-6)  # the first Adam step is ≈ lr·sign(g)


COUPLED_DECAY = sorted(n for n, c in OPTIMIZERS.items()
                       if "weight_decay" in c().hyper and n not in ("adamw", "lion"))


@pytest.mark.parametrize("name", COUPLED_DECAY)
def test_weight_decay_adds_wd_times_theta_to_the_gradient(name):
    opt = make_optimizer(name, lr=0.05, weight_decay=0.3)
    ref = make_optimizer(name, lr=0.05, weight_decay=0.0)
    p = q = np.array([1.0, -2.0])
    s, r = opt.init([p]), ref.init([q])
    for g in GRADS:
        (p,), s = opt.update([g], s, [p])
        (q,), r = ref.update([g + 0.3 * q], r, [q])
    np.testing.assert_allclose(p, q, rtol=1e-14)
    plain = steps(ref, GRADS, ref.init([np.array([1.0, -2.0])]), np.array([1.0, -2.0]))[0]
    moved = np.abs(plain - np.array([1.0, -2.0])).max()
    assert np.abs(p - plain).max() > 0.01 * moved  # wd made a difference


def test_repr_names_every_hyperparameter():
    assert repr(make_optimizer("adam", lr=0.1)) == (
        "Adam(lr=0.1, beta1=0.9, beta2=0.999, eps=1e-08, weight_decay=0.0, amsgrad=False, "
        "maximize=False)")


def test_scalar_values_become_floats_and_per_run_arrays_are_checked_element_wise():
    opt = make_optimizer("sgd")
    opt.lr = np.float32(0.5)  # a numpy scalar from a slider or a batch sweep
    assert type(opt.lr) is float and opt.lr == 0.5
    opt.set(lr=np.array(0.25))
    assert type(opt.lr) is float and opt.lr == 0.25
    rates = np.array([[0.1], [0.2]])
    opt.lr = rates
    assert opt.lr is rates
    with pytest.raises(ValueError, match="lr"):
        opt.lr = np.array([[0.1], [-0.2]])


def test_adamw_decouples_weight_decay():
    p1, _ = two_steps("adamw", lr=0.1, weight_decay=0.5)
    adam_p1, _ = two_steps("adam", lr=0.1)
    assert p1 == pytest.approx(1.0 * (1 - 0.1 * 0.5) - (1.0 - adam_p1))


@pytest.mark.parametrize("bad", [dict(lr=-0.1), dict(beta1=1.0), dict(beta2=-0.01),
                                 dict(eps=-1.0), dict(weight_decay=-1), dict(lr="abc"),
                                 dict(lr=float("nan"))])
def test_bad_hyperparameters_raise_naming_the_value(bad):
    name = "adam"
    (key, value), = bad.items()
    with pytest.raises(ValueError, match=key):
        make_optimizer(name, **bad)
    opt = make_optimizer(name)
    with pytest.raises(ValueError, match=key):
        setattr(opt, key, value)
    with pytest.raises(ValueError):
        opt.set(**bad)


def test_unknown_names_are_refused_listing_the_known_ones():
    with pytest.raises(ValueError, match="'adamm'; choose one of: sgd, momentum, nesterov, asgd, "
                                         "adagrad, rmsprop, adadelta, adam, adamw, nadam, "
                                         "radam, adamax, rprop, lion, lbfgs, newton, bfgs, "
                                         "cg, gd-armijo$"):
        make_optimizer("adamm")
    with pytest.raises(ValueError, match=r"sgd has no hyperparameter 'beta1' "
                                         r"\(it has: lr, weight_decay, maximize\)"):
        make_optimizer("sgd", beta1=0.9)


@pytest.mark.parametrize("name", sorted(n for n, c in OPTIMIZERS.items()
                                         if c.per_leaf and n not in ("asgd", "rprop")))
def test_a_learning_rate_change_keeps_the_optimizer_state(name):
    # (ASGD's η, Rprop's step sizes and L-BFGS's step t are state made from lr)
    p0 = np.array([1.0, -2.0])
    opt = make_optimizer(name, lr=0.01, weight_decay=0.0)
    p, state = steps(opt, GRADS, opt.init([p0]), p0)
    before = copy.deepcopy(state)
    opt.lr = 0.02
    p4, state4 = steps(opt, [np.array([0.1, -0.4])], state, p)
    assert state4[0] == 4
    assert_same_state(state, before)  # the update built a new state, the old one is intact
    # Without weight decay the moments depend on the gradients only, not on lr: an optimizer
    # at lr 0.02 from the start holds the same state and takes the same 4th step.
    ref = make_optimizer(name, lr=0.02, weight_decay=0.0)
    q, r = steps(ref, GRADS, ref.init([p0]), p0)
    assert_same_state(r, before)
    q4, _ = steps(ref, [np.array([0.1, -0.4])], r, q)
    np.testing.assert_allclose(p4 - p, q4 - q, rtol=1e-12)
    if name not in ("sgd", "lion"):  # (SGD has no state; Lion steps lr·sign either way) the
        fresh = make_optimizer(name, lr=0.02, weight_decay=0.0)  # step from a fresh state
        f4, _ = steps(fresh, [np.array([0.1, -0.4])], fresh.init([p]), p)  # is another one
        assert np.abs((f4 - p) - (p4 - p)).max() > 0.01 * np.abs(p4 - p).max()


@pytest.mark.parametrize("name", sorted(n for n, c in OPTIMIZERS.items() if c.per_leaf))
def test_one_code_path_for_floats_arrays_and_batches(name):
    rng = np.random.default_rng(3)
    K = 4
    lrs = np.array([0.001, 0.01, 0.1, 0.3])
    P = rng.normal(size=(K, 2))
    grads = rng.normal(size=(6, K, 2))
    batch = make_optimizer(name)
    batch.lr = lrs[:, None]
    state = batch.init([P])
    Q = P
    for g in grads:
        (Q,), state = batch.update([g], state, [Q])
    for k in range(K):
        single = make_optimizer(name, lr=float(lrs[k]))
        leaves = [float(P[k, 0]), float(P[k, 1])]
        st = single.init(leaves)
        for g in grads:
            leaves, st = single.update([float(g[k, 0]), float(g[k, 1])], st, leaves)
        np.testing.assert_allclose(Q[k], leaves, rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize("name", ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam",
                                  "adamw"])
def test_matches_torch_optim_with_autograd(name):
    """torch's optimizer with autograd's gradient, 300 steps on rosenbrock: live when torch is
    importable, else the golden that ``tests/make_golden.py`` stored."""
    from gdlab.engine.run.single import Run
    from test_golden import DATA

    with np.load(DATA) as z:
        lr = json.loads(str(z["meta"]))["autograd"][name]
        theirs = z[f"autograd_{name}"]
    try:
        import torch  # noqa: F401
    except ImportError:
        pass
    else:
        from make_golden import autograd_trajectory
        np.testing.assert_array_equal(autograd_trajectory(name), theirs)  # the golden is torch's
    run = Run("rosenbrock", make_optimizer(name, lr=lr), steps=300)
    run.advance()
    np.testing.assert_allclose(run.trajectory.rows()[:, :2], theirs, rtol=0, atol=1e-12)



@pytest.mark.parametrize("name", ["adam", "adamw"])
def test_amsgrad_divides_by_the_largest_second_moment_by_hand(name):
    g1, g2, lr, b1, b2, eps = 0.5, 0.01, 0.1, 0.9, 0.999, 1e-8  # v falls at step 2
    wd = 0.0
    p1, p2 = P0, P0
    for ams in (False, True):
        opt = make_optimizer(name, lr=lr, weight_decay=wd, amsgrad=ams)
        state = opt.init([P0])
        (q1,), state = opt.update([g1], state, [P0])
        (q2,), state = opt.update([g2], state, [q1])
        m1, v1 = (1 - b1) * g1, (1 - b2) * g1 ** 2
        m2, v2 = b1 * m1 + (1 - b1) * g2, b2 * v1 + (1 - b2) * g2 ** 2
        assert v2 < v1
        assert q1 == pytest.approx(P0 - lr / (1 - b1) * m1 / (v1 ** 0.5 / (1 - b2) ** 0.5 + eps),
                                   rel=1e-14)
        v = max(v1, v2) if ams else v2
        assert q2 == pytest.approx(q1 - lr / (1 - b1 ** 2) * m2 / (v ** 0.5 / (1 - b2 ** 2) ** 0.5
                                                                   + eps), rel=1e-14)
        p1, p2 = (q2, p2) if not ams else (p1, q2)
    assert abs(p1 - p2) > 1e-5  # the two differ: amsgrad is on


def test_a_flag_is_a_bool_and_refuses_numbers():
    opt = make_optimizer("adam", amsgrad=True)
    assert opt.amsgrad is True and opt.hyper["amsgrad"] is True
    with pytest.raises(ValueError, match="amsgrad must be on or off"):
        opt.set(amsgrad=1.0)
    with pytest.raises(ValueError, match="amsgrad"):
        opt.amsgrad = np.array([True, False])  # one value for every run of a batch


def test_every_optimizer_spec_table_gives_one_kind_per_name():
    from gdlab.engine.optim.optimizers import specs_by_name

    table = specs_by_name()
    assert set(table["amsgrad"]) == {"adam", "adamw"}
    assert set(table["lr"]) == set(OPTIMIZERS)


def test_lion_first_steps_by_hand():
    # c = β₁m + (1−β₁)g; θ ← θ − lr·(sign(c) + λθ); m ← β₂m + (1−β₂)g  (β₁ 0.9, β₂ 0.99)
    opt = make_optimizer("lion", lr=0.1)
    state = opt.init([1.0])
    (p1,), state = opt.update([0.5], state, [1.0])  # c = 0.05 > 0; m = 0.005
    assert p1 == pytest.approx(0.9, abs=1e-15) and state[1][0][0] == pytest.approx(0.005)
    (p2,), state = opt.update([-0.25], state, [p1])  # c = 0.0045 − 0.025 < 0; m = 0.00245
    assert p2 == pytest.approx(1.0, abs=1e-15) and state[1][0][0] == pytest.approx(0.00245)
    (p3,), state = opt.update([-0.01], state, [p2])  # c = 0.002205 − 0.001 > 0: the
    assert p3 == pytest.approx(0.9, abs=1e-15)  # momentum outvotes the small gradient
    decayed = make_optimizer("lion", lr=0.1, weight_decay=0.5)
    (q1,), _ = decayed.update([0.5], decayed.init([1.0]), [1.0])
    assert q1 == pytest.approx(1.0 - 0.1 * (1 + 0.5 * 1.0), abs=1e-15)


@pytest.mark.parametrize("name", sorted(n for n, c in OPTIMIZERS.items()
                                        if "maximize" in c().hyper))
def test_maximize_steps_as_the_rule_on_the_negated_gradient(name):
    up = make_optimizer(name, lr=0.01, maximize=True)
    down = make_optimizer(name, lr=0.01)
    p = q = np.array([1.0, -2.0])
    s, r = up.init([p]), down.init([q])
    for g in GRADS:
        (p,), s = up.update([g], s, [p])
        (q,), r = down.update([-g], r, [q])
    np.testing.assert_array_equal(p, q)
    assert np.abs(p - np.array([1.0, -2.0])).max() > 1e-5


def test_two_optimizers_keep_their_own_spec_under_one_name():
    assert make_optimizer("asgd", alpha=1.5).alpha == 1.5  # ASGD's power: any α ≥ 0
    with pytest.raises(ValueError, match=r"alpha must be in \[0, 1\)"):
        make_optimizer("rmsprop", alpha=1.5)  # RMSprop's smoothing constant
    from gdlab.engine.optim.optimizers import specs_by_name

    alphas = specs_by_name()["alpha"]
    assert set(alphas) == {"asgd", "rmsprop"} and alphas["asgd"] != alphas["rmsprop"]


def test_lbfgs_takes_typed_settings_and_refuses_a_batch():
    opt = make_optimizer("lbfgs", history_size=5, line_search="strong_wolfe")
    assert opt.history_size == 5 and opt.line_search == "strong_wolfe"
    with pytest.raises(ValueError, match="whole number"):
        opt.history_size = 2.5
    with pytest.raises(ValueError, match="none, strong_wolfe"):
        opt.line_search = "armijo"
    from gdlab.engine.run.batch import BatchRun

    with pytest.raises(ValueError, match="L-BFGS steps one run at a time"):
        BatchRun("rosenbrock", opt, np.zeros((3, 2)))


def test_lbfgs_first_step_is_a_scaled_gradient_step_and_stops_at_a_minimum():
    opt = make_optimizer("lbfgs", lr=1.0)
    g = [3.0, -4.0]
    (x, y), state = opt.update(g, opt.init([1.0, 2.0]), [1.0, 2.0])
    t = min(1.0, 1 / 7.0)  # min(1, 1/‖g‖₁)·lr, along d = −g
    assert (x, y) == (pytest.approx(1.0 - 3 * t), pytest.approx(2.0 + 4 * t))
    assert opt.note(state) == ""
    same, state = opt.update([1e-8, 0.0], state, [x, y])  # max|g| ≤ tolerance_grad: no step
    assert same == [x, y] and state[1].n_iter == 1
    assert opt.note(state) == "max|g| = 1e-08 ≤ tolerance_grad 1e-07: L-BFGS takes no step here"


def test_lbfgs_fused_multiply_add_is_exact_as_torch_s():
    # torch's add(alpha=a) rounds x + a·y once; the emulation (before Python 3.13) must too
    from fractions import Fraction

    from gdlab.engine.optim.lbfgs import _axpy2_emulated, _fma_emulated

    rng = np.random.default_rng(5)
    values = rng.uniform(-10, 10, (3000, 5)) * 10.0 ** rng.integers(-150, 150, (3000, 5))
    plain_differs = 0
    for a, x0, x1, y0, y1 in values.tolist():
        exact = [float(Fraction(a) * Fraction(x) + Fraction(y)) for x, y in ((x0, y0), (x1, y1))]
        assert list(_axpy2_emulated(a, x0, x1, y0, y1)) == exact
        assert _fma_emulated(a, x0, y0) == exact[0]
        plain_differs += y0 + a * x0 != exact[0]
    assert plain_differs > 10  # (the test tells the two apart)
    inf, nan = math.inf, math.nan
    assert _axpy2_emulated(inf, 1.0, 2.0, 3.0, 4.0) == (inf, inf)
    assert _fma_emulated(1e300, 1e300, 1.0) == inf and math.isnan(_fma_emulated(nan, 1.0, 2.0))
