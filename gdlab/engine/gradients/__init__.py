"""How gradients are computed: analytic, numerical (central differences), autodiff (the computation graph)."""
