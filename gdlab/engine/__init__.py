"""The numpy training engine: objectives, gradients, optimizers, runs, export.

Pure numpy; never imports Qt (a test checks it), so the CLI, scripts and the
window all stand on the same code.
"""

from .run.batch import BatchRun
from .files.export import export_run, read_csv, write_csv
from .gradients.methods import numerical_gradient, numerical_gradient_batch
from .problems.formula import FormulaError, parse_formula
from .problems.objectives import OBJECTIVES, Objective, get_objective
from .optim.optimizers import OPTIMIZERS, Optimizer, make_optimizer
from .run.single import Run, RunSettings, StepChunk
from .run.trajectory import Trajectory

__all__ = [
    "BatchRun", "FormulaError", "OBJECTIVES", "OPTIMIZERS", "Objective", "Optimizer", "Run", "RunSettings",
    "StepChunk", "Trajectory", "export_run", "get_objective", "make_optimizer",
    "numerical_gradient", "numerical_gradient_batch", "parse_formula", "read_csv", "write_csv",
]
