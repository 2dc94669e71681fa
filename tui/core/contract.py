"""The ids fixed by ../shared/spec/decision-model.md.

Content may add questions and choices but never drop or rename these: saved
sessions, answers files and `ragft decide --json` consumers depend on them.
The loader checks every content folder against this table.
"""

APPROACHES: tuple[str, ...] = ("prompting", "rag", "fine-tuning", "hybrid")

NUMBER_QUESTION = "monthly_queries"

CHOICE_QUESTIONS: dict[str, tuple[str, ...]] = {
    "problem": ("knowledge", "behavior", "both", "unsure"),
    "change_rate": ("daily", "weekly", "monthly", "rarely"),
    "labeled_data": ("none", "dozens", "hundreds", "thousands"),
    "prompting": ("not_tried", "some", "exhausted"),
    "latency": ("strict", "moderate", "relaxed"),
    "citations": ("required", "helpful", "not_needed"),
    "corpus": ("none", "small", "large", "vast"),
    "data_sources": ("one", "several", "per_user"),
    "privacy": ("isolated", "access_control", "standard"),
    "budget": ("limited", "moderate", "high"),
    "timeline": ("days", "weeks", "months"),
    "output_format": ("strict", "flexible"),
    "domain_language": ("yes", "somewhat", "no"),
    "deployment": ("hosted_api", "self_hosted", "edge"),
    "stakes": ("low", "medium", "high"),
    "use_case": (
        "question_answering",
        "classification",
        "summarization",
        "code_generation",
        "content_generation",
        "chatbot",
        "document_extraction",
        "multimodal",
        "other",
    ),
    "request_data": ("all", "some", "none"),
}

CONFIDENCE_LEVELS: tuple[str, ...] = ("high", "medium", "low")

# Rule conditions use this pseudo-answer for "not answered (or not counted)".
UNANSWERED = "unanswered"

# A condition the cost model answers rather than the user: `cost_model =
# ["tuned_cheaper"]` holds when, at the stated volume, a small tuned model
# costs less than prompting over the default horizon (rule 13).
COST_MODEL, TUNED_CHEAPER = "cost_model", "tuned_cheaper"

# The cost model's figures (content/costs.toml must define each, and no other).
ASSUMPTIONS: tuple[str, ...] = (
    "monthly_queries",
    "eval_requests_monthly",
    "batch_share",
    "batch_discount",
    "prompt_tokens",
    "static_prompt_share",
    "cache_minutes",
    "cache_min_tokens",
    "cache_write_premium",
    "output_tokens",
    "retrieved_tokens",
    "corpus_tokens",
    "chunk_tokens",
    "tuned_prompt_tokens",
    "price_input",
    "price_cached_input",
    "price_output",
    "long_prompt_tokens",
    "long_input_multiplier",
    "long_output_multiplier",
    "tuned_price_input",
    "tuned_price_output",
    "tuned_serving_floor",
    "training_price",
    "training_examples",
    "examples_on_hand",
    "label_minutes",
    "example_tokens",
    "epochs",
    "engineer_hour",
    "prompt_setup_hours",
    "rag_setup_hours",
    "tuning_setup_hours",
    "retrain_hours",
    "retrains_per_year",
    "behaviour_retrains_per_year",
    "knowledge_updates_per_year",
    "changed_share",
    "embedding_price",
    "vector_store_minimum",
    "vector_read_price",
    "vector_storage_price",
    "record_bytes",
    "reranked_share",
    "rerank_price",
    "upkeep_prompt_hours",
    "upkeep_retrieval_hours",
    "upkeep_tuned_hours",
    "gpu_hour",
    "gpu_tokens_per_second",
    "large_model_slowdown",
    "large_model_min_gpus",
    "peak_to_average",
    "prefill_weight",
    "gpu_ops_hours",
)

# The cost model's horizon in months: `months` in a session or answers file.
DEFAULT_MONTHS = 24
HORIZONS: tuple[int, ...] = (12, 24, 36, 48, 60)  # the wizard steps through these
SHORTEST_HORIZON, LONGEST_HORIZON = 12, 60

# Other spellings an answers file may use for a choice id; the ids stay the
# contract, and a file read with one is written back with the id.
SPELLINGS: dict[str, str] = {"behaviour": "behavior"}
