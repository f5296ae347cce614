"""One rubric: hidden tests, catalogue, notebook cell points and the exercise contract agree."""

import inspect
import importlib

import pytest

from autograder import ASSIGNMENTS
from autograder.catalogue import load_catalogue
from autograder.points import cell_points
from autograder.rubric import load_rubric
from conftest import SOURCE

# Function names of each problem set, in notebook order, as the exercise contract fixes them.
CONTRACT = {
    "ps1_eigen_pca": ["eigh_descending", "reconstruct_from_eigh", "covariance_matrix", "pca", "pca_project", "power_iteration", "stationary_distribution"],
    "ps2_svd": ["svd_reconstruct", "rank_k_approx", "energy_captured", "truncation_error", "pca_svd", "pinv_svd", "lora_factors", "lora_compression_ratio"],
    "ps3_ols": ["grad_quadratic_form", "grad_least_squares", "ols_closed_form", "ridge_closed_form", "numerical_gradient", "gradient_check"],
    "ps4_newton": ["taylor_second_order", "numerical_hessian", "newton_step", "newton_minimize", "classify_critical_point", "condition_number", "xgb_grad_hess", "xgb_leaf_weight", "xgb_split_gain"],
    "ps5_jacobian": ["numerical_jacobian", "spectral_norm", "rnn_jacobian_norms", "quadratic_form", "mahalanobis", "total_variance", "lstm_cell_state", "inverted_dropout"],
    "quiz": [f"answer_q{number}" for number in range(1, 11)],
}
HEADLINE = {"pca", "pca_svd", "rank_k_approx", "ols_closed_form", "newton_step", "numerical_hessian"}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_rubric_lists_contract_functions(assignment):
    assert load_rubric(assignment).functions == CONTRACT[assignment]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_rubric_matches_hidden_tests(assignment):
    module = importlib.import_module(f"autograder.hidden.test_{assignment}")
    hidden = {name for name, value in vars(module).items() if name.startswith("test_") and inspect.isfunction(value)}
    in_rubric = {entry.test for entry in load_rubric(assignment).entries}
    assert hidden - in_rubric == set(), "hidden tests without points in the rubric"
    assert in_rubric - hidden == set(), "rubric entries without a hidden test"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_catalogue_covers_contract(assignment):
    catalogue = load_catalogue(assignment)
    assert list(catalogue) == CONTRACT[assignment]
    for name, spec in catalogue.items():
        assert spec.name == name
        minimum = 3 if name in HEADLINE else 1
        assert len(spec.mistakes) >= minimum, f"{name} needs at least {minimum} diagnosed mistakes"
        ids = [mistake.id for mistake in spec.mistakes]
        assert len(set(ids)) == len(ids), f"{name} has duplicate mistake ids"
        assert all(mistake_id.startswith(f"{name}.") for mistake_id in ids)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_reference_solutions_exist(assignment):
    module = importlib.import_module(f"solutions.{assignment}")
    if assignment == "quiz":
        assert list(module.ANSWERS) == CONTRACT["quiz"]
        assert all(answer in "ABCD" and len(answer) == 1 for answer in module.ANSWERS.values())
        return
    for name in CONTRACT[assignment]:
        assert callable(getattr(module, name)), f"solutions.{assignment} lacks {name}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_notebook_cell_points_equal_rubric(assignment):
    rubric = load_rubric(assignment)
    points = cell_points(SOURCE / assignment / f"{assignment}.ipynb")
    assert points == {function: rubric.function_points(function) for function in rubric.functions}
