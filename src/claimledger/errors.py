"""Every message claimledger shows a user, each under a code.

Exception tree::

    ClaimledgerError            anything claimledger raises on purpose
    ├── InputError              one input could not be read (carries .source)
    ├── LedgerError             the ledger could not be opened or written
    ├── ConfigError             an unknown backend, format or setting
    └── ExecutorError           an executor could not start or a worker failed

A message says what failed, where (file, URL, article id) and what to do.
Input errors never stop a run: readers turn them into `SkippedInput` records.
"""

from __future__ import annotations


class Errors:
    """Error messages. Format with keyword arguments: `Errors.E001.format(...)`."""

    E001 = "E001 cannot read {source}: file not found."
    E002 = "E002 cannot read {source}: file is empty."
    E003 = "E003 cannot read {source}: looks like a binary file, not text, HTML or a feed."
    E004 = "E004 cannot read {source}: not valid UTF-8 and no other encoding could be detected."
    E005 = "E005 cannot fetch {source}: {reason}."
    E080 = (
        "E080 refused to fetch {source}: it resolves to {address}, a loopback, private, link-local or "
        "reserved address. Use --allow-private-addresses to read from an intranet."
    )
    E006 = "E006 cannot read {source}: {reason}."
    E007 = "E007 cannot read {source}: no article text left after removing site chrome."
    E008 = "E008 cannot read {source} line {line}: {reason}."
    E009 = "E009 cannot read manifest {source}: {reason}."
    E010 = "E010 cannot read {source}: unsupported input ({reason})."
    E011 = "E011 cannot read {source}: the feed entry has no text, only a title or a link."
    E012 = (
        "E012 cannot read {source}: damaged UTF-8 (an invalid byte at offset {offset} among valid UTF-8); "
        "repair or re-export the file."
    )
    E013 = (
        "E013 cannot read {source}: {size} is too long for one article (the limit is {limit}); "
        "split it, or give long collections as JSON Lines, one article per line."
    )
    E020 = "E020 cannot open ledger {db}: {reason}."
    E021 = "E021 ledger {db} has no articles yet: run `claimledger analyze PATH --db {db}` first."
    E022 = "E022 ledger {db} was written by an incompatible schema ({found}); expected {expected}."
    E023 = "E023 cannot write to ledger {db}: {reason}. Nothing was written."
    E024 = "E024 cannot write to ledger {db}: {what} refers to {kind} '{ref}', which is not in the ledger. Nothing was written."
    E025 = "E025 cannot read ledger {db}: {reason}."
    E026 = "E026 export format '{format}' writes one file per table: give an output directory (--out DIR)."
    E027 = "E027 cannot write {path}: {reason}."
    E030 = "E030 unknown {kind} '{name}'. Available: {options}."
    E031 = "E031 cannot load the {what} model '{name}': {reason}. Install it with `pip install {package}`."
    E032 = "E032 cannot cluster {statements} statements with embeddings of shape {shape}: give one row per statement."
    E033 = "E033 clustering threshold {threshold} is out of range: give a cosine similarity in (0, 1]."
    E034 = "E034 stance backend '{name}' returned {got} stances for {expected} pairs: a backend must return one stance per pair, in order."
    E035 = "E035 stance backend '{name}' returned the label '{label}'. Valid labels: {options}."
    E036 = "E036 cannot load the attribution tagger from {path}: {reason}. Point --tagger at a folder written by `claimledger train attribution`, or reinstall claimledger for the shipped one."
    E037 = "E037 cannot write the attribution tagger to {path}: {reason}."
    E038 = (
        "E038 cannot use '{name}' as the tagger's encoder: {reason}. Give a local folder, or a hub id "
        "already in the local cache, of an encoder of the BERT family ({families})."
    )
    E040 = "E040 cannot read gold file {source}: {reason}."
    E041 = "E041 {source} is not a claimledger gold annotation: {reason}. Expected schema 'claimledger-gold/1'."
    E042 = "E042 {source} is not a ledger export: {reason}. Write one with `claimledger export --db LEDGER --format json`."
    E043 = "E043 none of the articles in {source} is a gold article ({expected}). Analyse those files into the ledger first."
    E044 = "E044 {source} is not a PolNeAR compartment: {reason}. Expected a folder with text/ and attributions/."
    E045 = "E045 {source} annotates '{name}', but text/{name}.txt is missing."
    E046 = "E046 cannot read the annotation {source}: {reason}."
    E047 = "E047 cannot {action} the NLI training run in {path}: {reason}."
    E048 = "E048 cannot load the entailment model from {path}: {reason}. Point --model at a folder written by `claimledger train nli`, or reinstall claimledger for the shipped one."
    E049 = "E049 the {dataset} data set has no {split} part: {reason}."
    E050 = "E050 cannot read the {dataset} file {source}: {reason}."
    E051 = "E051 {source} is not {description} file: {reason}. Expected the columns {expected}."
    E052 = "E052 {source} line {line}: {reason}."
    E053 = "E053 {source} line {line} refers to Body ID {body_id}, which is not in {bodies}."
    E054 = "E054 cannot load the stance model from {path}: {reason}. Point --model at a folder written by `claimledger train stance`, or reinstall claimledger for the shipped one."
    E055 = "E055 cannot write {path}: {reason}."
    E056 = "E056 the LLM stance endpoint {url} failed: {reason}."
    E057 = "E057 the LLM at {url} answered {reply!r}, which names none of the stance labels ({options}), twice for the same pair."
    E058 = "E058 cannot cross-validate with {folds} folds: {reason}."
    E060 = "E060 {kind} not found: '{id}'."
    E061 = (
        "E061 adding articles is off on this server: "
        "start it with `claimledger serve --token TOKEN` (or $CLAIMLEDGER_TOKEN) to allow it."
    )
    E062 = "E062 adding articles needs this server's token: send the header 'Authorization: Bearer TOKEN'."
    E063 = "E063 the article sent is {size} bytes; this server accepts at most {limit} bytes (--max-upload-bytes)."
    E064 = "E064 cannot read the article sent to {path}: {reason}."
    E065 = "E065 cannot serve on {host}:{port}: {reason}."
    E066 = "E066 no page or API route at {path}. Pages: {pages}; the API is described at /docs."
    E067 = "E067 internal error while answering {path}; the server log has the details."
    E068 = "E068 invalid request to {path}: {reason}."
    E069 = "E069 {method} is not allowed at {path}; it takes {allowed}."
    E070 = "E070 --device {device} was asked for, but {reason}. Use --device cpu, or --device auto to take a GPU only when there is one."
    E071 = "E071 the {executor} executor failed in the per-article stages on the batch starting with {source}: {reason}. Nothing of that batch was written; the full trace is in the log."
    E072 = "E072 cannot start the {executor} executor: {reason}."
    E073 = "E073 {option} must be at least 1, not {value}."
    E074 = "E074 the stance backend '{name}' has no setting '{option}'. Its settings: {options}."
    E075 = "E075 the stance setting '{option}' of '{name}' cannot be {value!r}: {reason}."
    E076 = "E076 a stance setting must read KEY=VALUE, not {given!r}."
    E081 = "E081 {path} takes no query parameter {unknown}. The query parameters it takes: {accepted}."
    E082 = "E082 cannot write the entailment model to {path}: {reason}."


class Warnings:
    W001 = "W001 {source} is a near-duplicate of {original}; linked, not analysed again."
    W002 = "W002 {source} was already in the ledger as {article_id}; nothing added."
    W003 = "W003 {source}: no publication date found; statements keep their relative order only."
    W005 = "W005 the manifest {source} lists '{file}', which is not a file beside it; its row is not used."
    W004 = (
        "W004 {count} article(s) stored but not analysed: {languages} (no model for these languages; "
        "claimledger analyses {analysed})."
    )


class ClaimledgerError(Exception):
    """Base of every error claimledger raises on purpose."""


class InputError(ClaimledgerError):
    """One input could not be read. `.source` names it; `.code` is the error code."""

    def __init__(self, message: str, *, source: str, code: str) -> None:
        super().__init__(message)
        self.source = source
        self.code = code


class LedgerError(ClaimledgerError):
    """The ledger could not be opened, read or written."""


class ConfigError(ClaimledgerError):
    """An unknown backend, format or setting."""


class ExecutorError(ClaimledgerError):
    """An executor could not start, or a worker failed on a batch."""


def input_error(code: str, *, source: str, **details: object) -> InputError:
    """Build the `InputError` for message `code` about `source`."""
    message = getattr(Errors, code).format(source=source, **details)
    return InputError(message, source=source, code=code)
