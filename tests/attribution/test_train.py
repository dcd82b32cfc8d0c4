"""Training the tagger end to end on a few real PolNeAR texts, and loading what it saved."""

from __future__ import annotations

import json

import numpy as np
import pytest

from claimledger.attribution.encoding import UPOS, FeatureVocab, label, windows
from claimledger.attribution.network import WEIGHTS_FILE, load_network
from claimledger.attribution.tagger import AttributionTagger
from claimledger.attribution.train import train_attribution
from claimledger.evaluate.polnear import load_polnear


@pytest.fixture(scope="module")
def trained(small_polnear, tmp_path_factory):
    out = tmp_path_factory.mktemp("tagger")
    run = train_attribution(small_polnear / "train", small_polnear / "dev", out, epochs=1, report=lambda _: None)
    return run, out


def test_training_saves_only_what_it_trained(trained):
    run, out = trained
    assert len(run.epochs) == 1 and run.best_epoch == 0
    config = json.loads((out / "config.json").read_text())
    assert config["meta"]["epoch"] == 1
    # The decoding bonus was chosen on the selection data, for every role.
    assert set(config["continuation"]) == {"source", "cue", "content"}
    from safetensors import safe_open

    with safe_open(str(out / WEIGHTS_FILE), "pt") as weights:
        keys = list(weights.keys())
        assert all(weights.get_tensor(k).dtype.is_floating_point for k in keys)
    # The frozen embeddings and lower layers come from the installed package, not the file.
    assert not any(k.startswith(("embeddings.", "lower.")) for k in keys)
    assert any(k.startswith("upper.") for k in keys)
    assert (out / WEIGHTS_FILE).stat().st_size < 40e6


def test_saved_tagger_loads_and_tags_real_text(trained, small_polnear, nlp):
    _, out = trained
    tagger = AttributionTagger(load_network(out))
    annotated = load_polnear(small_polnear / "dev")[0]
    doc = nlp(annotated.text)
    (spans,) = tagger.spans([doc])
    for role_spans in spans.values():
        for start, end in role_spans:
            assert 0 <= start < end <= len(doc.text)


def test_labels_follow_the_annotation(small_polnear, nlp):
    from transformers import AutoTokenizer

    from claimledger.attribution.network import base_encoder_path

    tokenizer = AutoTokenizer.from_pretrained(base_encoder_path())
    annotated = load_polnear(small_polnear / "train")[0]
    doc = nlp(annotated.text)
    from claimledger.attribution.encoding import encode

    encoding = encode(tokenizer, doc, FeatureVocab(UPOS, tuple(nlp.get_pipe("parser").labels)))
    labels = label(encoding, annotated.relations)
    cue = annotated.relations[0].cue[0]
    inside = np.nonzero((encoding.offsets[:, 0] < cue[1]) & (encoding.offsets[:, 1] > cue[0]))[0]
    assert labels[inside[0], 1] == 1 and (labels[inside[1:], 1] == 2).all()
    assert encoding.features.shape == (len(encoding), 6)
    # Windows cover every subword.
    covered = set()
    for start, end in windows(len(encoding), 254, 192):
        covered.update(range(start, end))
    assert covered == set(range(len(encoding)))


def test_loading_a_folder_without_a_tagger_fails_cleanly(tmp_path):
    from claimledger.errors import ConfigError

    with pytest.raises(ConfigError, match="E036") as error:
        load_network(tmp_path)
    assert str(tmp_path) in str(error.value)
    (tmp_path / "config.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="E036"):
        load_network(tmp_path)


def test_training_continues_from_a_saved_tagger_with_more_layers(trained, small_polnear, tmp_path):
    _, first = trained
    run = train_attribution(
        small_polnear / "train", small_polnear / "dev", tmp_path, epochs=1, start_from=first, frozen_layers=2,
        report=lambda _: None,
    )
    config = json.loads((tmp_path / "config.json").read_text())
    assert config["frozen_layers"] == 2
    assert config["meta"]["started_from"]["epoch"] == 1
    network = load_network(tmp_path)
    assert len(network.upper) == 4 and len(network.lower) == 2
    assert len(run.epochs) == 1


def test_saving_where_nothing_can_be_written_fails_cleanly(trained, tmp_path):
    from claimledger.attribution.network import save_network
    from claimledger.errors import ConfigError

    _, out = trained
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ConfigError, match="E037") as error:
        save_network(load_network(out), blocker / "tagger")
    assert "a-file" in str(error.value)


def _tiny_encoder(folder, family: str = "bert"):
    """A small randomly initialised encoder of `family`, saved with the shipped encoder's tokenizer."""
    from transformers import AutoTokenizer, BertConfig, BertModel, DistilBertConfig, DistilBertModel

    from claimledger.attribution.network import base_encoder_path

    tokenizer = AutoTokenizer.from_pretrained(base_encoder_path())
    if family == "bert":
        model = BertModel(BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=2,
                                     num_attention_heads=2, intermediate_size=64, max_position_embeddings=512))
    else:
        model = DistilBertModel(DistilBertConfig(vocab_size=tokenizer.vocab_size, dim=32, n_layers=1, n_heads=2,
                                                 hidden_dim=64))
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def test_a_tagger_trains_over_another_encoder_and_names_it(small_polnear, tmp_path, nlp):
    encoder = _tiny_encoder(tmp_path / "tiny-bert")
    out = tmp_path / "tagger"
    run = train_attribution(small_polnear / "train", small_polnear / "dev", out, epochs=1, frozen_layers=1,
                            encoder=str(encoder), report=lambda _: None)
    assert len(run.epochs) == 1
    config = json.loads((out / "config.json").read_text())
    assert config["encoder"] == str(encoder) and config["frozen_layers"] == 1
    network = load_network(out)
    assert network.lstm.input_size == 32 + network.config.feature_dim * 6  # the tiny encoder's width
    tagger = AttributionTagger(network)
    doc = nlp(load_polnear(small_polnear / "dev")[0].text)
    (spans,) = tagger.spans([doc])
    assert all(0 <= start < end <= len(doc.text) for found in spans.values() for start, end in found)


def test_an_encoder_the_tagger_cannot_use_fails_cleanly(tmp_path):
    from claimledger.attribution.network import TaggerConfig, load_encoder
    from claimledger.errors import ConfigError

    with pytest.raises(ConfigError, match="E038 cannot use .* it is a 'distilbert' model"):
        load_encoder(str(_tiny_encoder(tmp_path / "tiny-distilbert", "distilbert")))
    with pytest.raises(ConfigError, match="E038"):
        load_encoder(str(tmp_path / "no-such-folder"))
    assert TaggerConfig.from_json(TaggerConfig(vocab=FeatureVocab(UPOS, ("nsubj",))).to_json()).encoder is None
