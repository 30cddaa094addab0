import pytest

from actorstance.errors import ModelSpecError
from actorstance.models.protocol import StanceModel
from actorstance.models.registry import BASELINES
from actorstance.models.spec import baseline_names, resolve_model
from tests.evaluation import toy_models

TOY = "tests.evaluation.toy_models"


def spec_error(spec: str) -> str:
    with pytest.raises(ModelSpecError) as info:
        resolve_model(spec)
    return str(info.value)


@pytest.mark.parametrize("name", sorted(BASELINES))
def test_every_baseline_resolves_to_a_model(name):
    model = resolve_model(f"baseline:{name}", random_state=3)
    assert isinstance(model, StanceModel)
    if "random_state" in model.get_params():
        assert model.get_params()["random_state"] == 3


def test_baseline_names_come_from_the_registry():
    assert baseline_names() == sorted(BASELINES)


@pytest.mark.parametrize("attr, kind", [
    ("AlwaysPositive", toy_models.AlwaysPositive),  # a class: instantiated
    ("always_negative", toy_models.AlwaysPositive),  # a factory: called
    ("Holder.factory", toy_models.AlwaysPositive),  # a dotted attribute
])
def test_imported_specs_build_a_fresh_model(attr, kind):
    model = resolve_model(f"{TOY}:{attr}")
    assert type(model) is kind
    assert model is not resolve_model(f"{TOY}:{attr}")


def test_an_instance_is_used_as_it_is():
    assert resolve_model(f"{TOY}:INSTANCE") is toy_models.INSTANCE


def test_unknown_baseline_lists_the_names():
    assert spec_error("baseline:bert") == (
        "--model baseline:bert: unknown baseline 'bert'. "
        f"Fix: use one of: {', '.join(sorted(BASELINES))} (as baseline:NAME)")


@pytest.mark.parametrize("spec", ["majority", "a.b:", ":Model", "a b:Model", "mod:1x", "mod:a..b"])
def test_malformed_specs(spec):
    assert spec_error(spec) == (f"--model {spec}: not a model spec. Fix: write baseline:NAME, openai:MODEL or "
                                "package.module:attr, e.g. baseline:majority or mypackage.models:MyModel")


def test_module_that_cannot_be_found():
    assert spec_error("nosuchpackage.models:Model") == (
        "--model nosuchpackage.models:Model: cannot import module 'nosuchpackage.models' (no module named "
        "'nosuchpackage'). Fix: install the package that provides it, or run from its folder with PYTHONPATH=.")


def test_module_whose_dependency_is_missing():
    spec = "tests.evaluation.models_needing_a_package:Model"
    assert spec_error(spec) == (
        f"--model {spec}: importing 'tests.evaluation.models_needing_a_package' failed: No module named "
        "'not_a_real_package_for_actorstance'. Fix: install what the module needs")


def test_module_that_raises_on_import():
    spec = "tests.evaluation.broken_models:Model"
    assert spec_error(spec) == (
        f"--model {spec}: importing 'tests.evaluation.broken_models' failed: RuntimeError: boom at import. "
        "Fix: make the module importable (python -c 'import tests.evaluation.broken_models')")


def test_missing_attribute():
    assert spec_error(f"{TOY}:Nope") == (
        f"--model {TOY}:Nope: {TOY} has no attribute 'Nope'. Fix: name a class, factory or instance defined in {TOY}")
    assert spec_error(f"{TOY}:Holder.nope") == (
        f"--model {TOY}:Holder.nope: {TOY}.Holder has no attribute 'nope'. "
        f"Fix: name a class, factory or instance defined in {TOY}")


def test_factory_that_needs_arguments():
    assert spec_error(f"{TOY}:NeedsArguments") == (
        f"--model {TOY}:NeedsArguments: calling NeedsArguments() failed: TypeError: "
        "NeedsArguments.__init__() missing 1 required positional argument: 'alpha'. Fix: the class or factory "
        "must work without arguments; wrap it in a factory that passes them")


@pytest.mark.parametrize("attr, what, missing", [
    ("NoPredict", "NoPredict", "predict()"),
    ("NOT_A_MODEL", "int", "fit() and predict()"),
])
def test_objects_that_are_not_models(attr, what, missing):
    assert spec_error(f"{TOY}:{attr}") == (
        f"--model {TOY}:{attr}: the object is a {what} without {missing}. Fix: name a class, factory or "
        "instance with fit(X, y) and predict(X) (see docs/evaluation.md, 'Model protocol')")
