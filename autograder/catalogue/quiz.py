"""Answers, explanations and wrong-choice diagnoses of the concept quiz.

Each question is a `FunctionSpec` named after its answer variable
(``answer_q1`` … ``answer_q10``).  Its reference is the right letter from
``solutions.quiz``, and its comparison is `checks.expect_choice` (case,
surrounding spaces and full-width forms do not matter) followed by the
explanation of the right letter.  Every wrong letter is a `Mistake` that
names the misconception behind it.  These texts reveal the answers, so the quiz's
feedback is shown only after grades are published.
"""

from __future__ import annotations

from dataclasses import dataclass

from autograder import checks
from autograder.catalogue import FunctionSpec, Mistake
from autograder.i18n import N_, join_sentences, translator
from solutions.quiz import ANSWERS

CHOICES = "ABCD"

# The quiz's feedback contains the right answers, so exporters must not show
# it to students before the due date.
REVEALS_ANSWERS = True

_ = translator("quiz")


@dataclass(frozen=True)
class Question:
    """Grading data of one question: its topic, explanation and wrong-choice diagnoses."""

    variable: str
    topic: str
    """Short topic, an English message id."""
    explanation: str
    """Why the right answer is right, an English message id."""
    wrong: dict[str, tuple[str, str]]
    """For each wrong letter: (title, hint) message ids of the misconception it shows."""


QUESTIONS = [
    Question(
        variable="answer_q1",
        topic=N_("Explained variance ratio in PCA"),
        explanation=N_("The explained variance ratio of a component is its eigenvalue divided by the sum of all eigenvalues: 6 / (6 + 3 + 1) = 0.6. The eigenvalue is the variance of the data along the component's direction."),
        wrong={
            "A": (N_("Used the second eigenvalue"), N_("0.3 = 3 / 10 belongs to the second component. The first component has the largest eigenvalue.")),
            "C": (N_("Added up two components"), N_("0.9 = (6 + 3) / 10 is the cumulative ratio of the first two components, not the ratio of the first one.")),
            "D": (N_("Did not divide by the total variance"), N_("6 is the eigenvalue itself, the variance along the first direction. The ratio divides it by the total variance, the sum of all eigenvalues.")),
        },
    ),
    Question(
        variable="answer_q2",
        topic=N_("PCA through the SVD"),
        explanation=N_("With X = U Σ Vᵀ, XᵀX = V Σ Uᵀ U Σ Vᵀ = V Σ² Vᵀ, so C = V (Σ² / (n − 1)) Vᵀ. The covariance matrix has the right singular vectors as eigenvectors and σᵢ² / (n − 1) as eigenvalues."),
        wrong={
            "A": (N_("Took singular values for eigenvalues"), N_("XᵀX contains Σ twice (Σ Uᵀ U Σ = Σ²), so the eigenvalues involve σᵢ squared, and the covariance also divides by n − 1.")),
            "B": (N_("Forgot to square the singular values"), N_("The factor Σ appears on both sides of Uᵀ U in XᵀX, so the eigenvalues are σᵢ² / (n − 1), not σᵢ / (n − 1).")),
            "D": (N_("Multiplied by n − 1 instead of dividing"), N_("The sample covariance divides XᵀX by n − 1, so its eigenvalues are σᵢ² / (n − 1).")),
        },
    ),
    Question(
        variable="answer_q3",
        topic=N_("Error of the best low-rank approximation"),
        explanation=N_("By the Eckart–Young theorem the truncated SVD is the best rank-k approximation, and its Frobenius error is the square root of the sum of the squared discarded singular values: √(2² + 1²) = √5."),
        wrong={
            "A": (N_("Added the discarded singular values without squaring them"), N_("The Frobenius norm adds squares: ‖A − A₂‖_F² = σ₃² + σ₄² = 4 + 1, so the error is √5, not 2 + 1.")),
            "B": (N_("Gave the error in the spectral norm"), N_("σ₃ = 2 is the error in the spectral norm (the largest discarded singular value). The question asks for the Frobenius norm, which collects every discarded singular value.")),
            "C": (N_("Took a kept singular value as the error"), N_("σ₁ = 5 belongs to the part the approximation keeps. The error comes only from the discarded singular values σ₃ and σ₄.")),
        },
    ),
    Question(
        variable="answer_q4",
        topic=N_("Trainable parameters of LoRA"),
        explanation=N_("LoRA trains only the two factors of ΔW = BA: B has 1024 × 8 entries and A has 8 × 1024, in total 2 × 8192 = 16,384, only 1/64 of the 1,048,576 entries of W."),
        wrong={
            "B": (N_("Counted only one of the two factors"), N_("ΔW = BA has two trainable factors, B (1024 × 8) and A (8 × 1024); count the entries of both.")),
            "C": (N_("Counted the full weight matrix"), N_("1024 × 1024 is what full fine-tuning trains. LoRA keeps W frozen and trains only the low-rank factors.")),
            "D": (N_("Counted a rank-1 update"), N_("2 × 1024 = 2048 is the count for r = 1. With r = 8 each factor has 8 times as many entries.")),
        },
    ),
    Question(
        variable="answer_q5",
        topic=N_("The normal equation of OLS"),
        explanation=N_("The gradient of ‖y − Xβ‖² is 2Xᵀ(Xβ − y). Setting it to zero gives XᵀXβ = Xᵀy: the residual is orthogonal to every column of X."),
        wrong={
            "A": (N_("Asked for an exact fit"), N_("With more observations than features, Xβ = y has no solution in general. Least squares only makes the residual y − Xβ orthogonal to the columns of X.")),
            "C": (N_("Multiplied X and Xᵀ in the wrong order"), N_("XXᵀ is n × n and cannot act on β, which has length d. The d × d matrix of the normal equation is XᵀX.")),
            "D": (N_("Left out (XᵀX)⁻¹"), N_("β = Xᵀy holds only when the columns of X are orthonormal (XᵀX = I). In general solve XᵀXβ = Xᵀy.")),
        },
    ),
    Question(
        variable="answer_q6",
        topic=N_("Gradient of a quadratic form"),
        explanation=N_("x appears twice in xᵀAx, so the product rule gives two terms: ∇(xᵀAx) = Ax + Aᵀx = (A + Aᵀ)x. It simplifies to 2Ax only when A is symmetric."),
        wrong={
            "A": (N_("Assumed A is symmetric"), N_("2Ax equals (A + Aᵀ)x only when A = Aᵀ. For a general A keep both terms.")),
            "B": (N_("Kept only one of the two terms"), N_("x appears on both sides of A, so the gradient has one term from each: Ax and Aᵀx.")),
            "D": (N_("Kept only one of the two terms"), N_("x appears on both sides of A, so the gradient has one term from each: Ax and Aᵀx.")),
        },
    ),
    Question(
        variable="answer_q7",
        topic=N_("Jacobian products and the vanishing gradient"),
        explanation=N_("By the chain rule ∂h₅₀/∂h₀ is the product of 50 Jacobians, here W⁵⁰. For a symmetric W its norm is 0.5⁵⁰ ≈ 9 × 10⁻¹⁶: the gradient vanishes exponentially, which is why plain RNNs forget long-range dependencies."),
        wrong={
            "B": (N_("Treated the chain rule as a sum"), N_("Backpropagation through time multiplies one Jacobian per step, so the size changes by a factor per step: exponentially, not linearly.")),
            "C": (N_("Overlooked that every step multiplies by W"), N_("Each step multiplies the gradient by W, whose eigenvalues are at most 0.5 in absolute value, so the gradient shrinks at every step.")),
            "D": (N_("Confused vanishing with exploding gradients"), N_("Gradients explode when the spectral radius is above 1. Here it is 0.5, so they shrink.")),
        },
    ),
    Question(
        variable="answer_q8",
        topic=N_("The Hessian at a critical point"),
        explanation=N_("At a critical point the second-order Taylor term ½ΔᵀHΔ decides. One positive and one negative eigenvalue mean the function curves up along one eigenvector and down along the other: a saddle point."),
        wrong={
            "A": (N_("Ignored the negative eigenvalue"), N_("A local minimum needs every eigenvalue of the Hessian to be positive. Along the eigenvector of −2 the function decreases.")),
            "B": (N_("Ignored the positive eigenvalue"), N_("A local maximum needs every eigenvalue of the Hessian to be negative. Along the eigenvector of 3 the function increases.")),
            "D": (N_("Thought the test was inconclusive"), N_("The second-order test is inconclusive only when an eigenvalue is zero. With eigenvalues of both signs, the point is a saddle point.")),
        },
    ),
    Question(
        variable="answer_q9",
        topic=N_("Newton's method on a quadratic"),
        explanation=N_("Newton's method minimises the second-order Taylor expansion at the current point. For a quadratic that expansion is the function itself, so the step x − A⁻¹(Ax − b) = A⁻¹b lands on the minimum in one step, from any starting point."),
        wrong={
            "B": (N_("Confused Newton's method with conjugate gradient"), N_("Conjugate gradient needs up to n steps on an n-dimensional quadratic. Newton's method uses the whole Hessian and needs one.")),
            "C": (N_("Confused Newton's method with gradient descent"), N_("A number of steps growing like log(1/ε) is the linear convergence of gradient descent. Newton's step solves the quadratic exactly.")),
            "D": (N_("Thought Newton's method only converges in the limit"), N_("On a general function Newton's method converges quadratically in the limit, but on a quadratic its model is exact and the first step reaches the minimum.")),
        },
    ),
    Question(
        variable="answer_q10",
        topic=N_("Leaf weights in XGBoost"),
        explanation=N_("With the second-order expansion, a leaf with weight w adds Gw + ½(H + λ)w² to the objective. Setting the derivative G + (H + λ)w to zero gives w* = −G / (H + λ): a Newton step damped by the L2 penalty."),
        wrong={
            "A": (N_("Left out the L2 penalty"), N_("−G / H is the plain Newton step. XGBoost's penalty ½λw² adds λ to the curvature.")),
            "B": (N_("Lost the minus sign"), N_("The weight moves against the gradient, like every descent step: w* = −G / (H + λ).")),
            "C": (N_("Swapped the gradient and the Hessian"), N_("The gradient sum G goes in the numerator and the curvature H + λ in the denominator, as in a Newton step −g / h.")),
        },
    ),
]


def _chose(letter: str):
    def detect(got, expected, case) -> bool:
        return isinstance(got, str) and checks.normalize_choice(got) == letter

    return detect


def _compare(question: Question):
    def compare(got, expected, case) -> None:
        __tracebackhide__ = True
        try:
            checks.expect_choice(got, expected, question.variable, CHOICES)
        except checks.CheckFailure as failure:
            if failure.stage != "values":
                raise
            explanation = _("Explanation: {text}").format(text=_(question.explanation))
            raise checks.CheckFailure("values", join_sentences(failure.message, explanation)) from None

    return compare


def _spec(question: Question) -> FunctionSpec:
    answer = ANSWERS[question.variable]
    mistakes = [
        Mistake(id=f"{question.variable}.chose_{letter.lower()}", title=title, hint=hint, detect=_chose(letter))
        for letter, (title, hint) in sorted(question.wrong.items())
    ]
    return FunctionSpec(name=question.variable, reference=lambda: answer, compare=_compare(question), mistakes=mistakes)


FUNCTIONS = {question.variable: _spec(question) for question in QUESTIONS}


def _check_diagnoses() -> None:
    """Raise ValueError unless every wrong letter has a diagnosis and the right letter has none."""
    for question in QUESTIONS:
        expected = set(CHOICES) - {ANSWERS[question.variable]}
        if set(question.wrong) != expected:
            raise ValueError(f"{question.variable}: wrong-choice diagnoses cover {sorted(question.wrong)}, expected {sorted(expected)}")


_check_diagnoses()
