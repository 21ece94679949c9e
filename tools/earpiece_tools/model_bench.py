"""The language model's part of `earpiece bench`: how soon the OS has a model's answer to say.

Asked only when a model is configured (`[llm]` in earpiece.toml, or `earpiece bench --llm URL`).
Each prompt is something the rules cannot place, so it goes to the model and is streamed; the
figures come from the OS's own record of each turn the model took (`Engine.model_timings`): time
from the request to the first piece of the answer, to the first sentence the OS can say (when
speech can start), and to the end of the answer.
"""

from __future__ import annotations

import time

from . import harness

# Open conversation the rules hand to the model (none of them is a request a skill answers).
MODEL_PROMPTS = (
    "Tell me something interesting about the sea.",
    "What's a good name for a goldfish?",
    "I'm feeling a bit low today, to be honest.",
    "Why do cats purr?",
    "What should I cook tonight with some leftover rice?",
)


def model_benchmark(the_os, prompts: tuple[str, ...] | list[str]) -> dict:
    """Ask each prompt and read its answer to the end; figures for those turns, and how many turns
    in all (the latency run's included) went to the model."""
    before = len(the_os.model_timings)
    started = time.monotonic()
    replies = []
    for prompt in prompts:
        reply = the_os.handle_stream(prompt)
        for _ in reply.parts():
            pass
        replies.append(reply)
    timings = the_os.model_timings
    asked = timings[before:]
    return {
        "prompts": len(prompts),
        "turns_to_model": len(timings),
        "latency_run_turns_to_model": before,
        "prompts_to_model": len(asked),
        "answered_with_a_tool": sum(1 for t in asked if t.tool_calls),
        "failed": sum(1 for t in asked if t.failed),
        "first_token_ms": harness.percentiles([t.first_token_ms for t in asked]),
        "first_sentence_ms": harness.percentiles([t.first_sentence_ms for t in asked]),
        "total_ms": harness.percentiles([t.total_ms for t in asked]),
        "answer_chars": harness.percentiles([len(r.text) for r in replies]),
        "wall_s": round(time.monotonic() - started, 1),
    }
