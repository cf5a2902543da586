"""Engine texts marked for translation stay plain English strings for the CLI."""

import copy
import pickle

from gdlab.engine.text import N_, Message


def test_marker_returns_the_text():
    assert N_("A bowl") == "A bowl"


def test_message_is_its_english_text_and_keeps_template_and_fields():
    m = Message("step {k} of {n}", k=3, n=9)
    assert m == "step 3 of 9" and isinstance(m, str)
    assert m.template == "step {k} of {n}" and m.fields == {"k": 3, "n": 9}


def test_message_survives_copy_and_pickle():
    m = Message("lr {lr:g} is too large", lr=2.5)
    for again in (copy.deepcopy(m), pickle.loads(pickle.dumps(m))):
        assert again == "lr 2.5 is too large"
        assert again.template == m.template and again.fields == m.fields
