"""A FastAPI server (ASGI, under uvicorn) for the LLM stream tests: it
streams answers in the wire formats of OpenAI (Chat Completions and
Responses), Anthropic (Messages) and Ollama, exactly as those providers
send them, so that their official SDKs parse every event. Listens on
127.0.0.1, prints its port first, and stops by itself.

Usage: python llm_server.py LIFETIME_SECONDS

Endpoints (POST, JSON body):
  /v1/chat/completions  OpenAI Chat Completions: SSE "data: {chunk}" lines
                        ending with "data: [DONE]"; "stream": false answers
                        one chat.completion JSON instead.
  /v1/responses         OpenAI Responses: SSE "event: TYPE" + "data: {...}"
                        with a sequence_number, ending with response.completed.
  /v1/messages          Anthropic Messages: SSE "event: TYPE" + "data: {...}",
                        message_start ... message_stop, with one ping.
  /api/chat             Ollama: NDJSON (application/x-ndjson), one object a
  /api/generate         line, the last with done true and the counters
                        (streamed whatever the request's "stream").
GET /health answers 200 "ok".

The request's "model" names the scenario; the answer echoes it as its model.
An unknown one is answered 404 with the provider's error body.
  text      12 token deltas 20 ms apart, non-ASCII and a newline among them:
            "Héllo, wörld — 你好 🙂\nSecond line of the answer."
  tools     the text "Let me check that." then two tool calls, get_weather
            {"city":"Paris","unit":"celsius"} and get_time {"tz":"Europe/Paris"},
            each one's JSON arguments sent in 5-character fragments (cut
            mid-key and mid-string). OpenAI and Anthropic stream the
            fragments (OpenAI's JSON compact, Anthropic's with a space after
            ":" and ","); Ollama's /api/chat sends both calls whole in one
            message line (/api/generate, which has no tools, just the text).
  usage     text, with usage reported: OpenAI Chat adds its final
            "choices": [] chunk with usage (as for stream_options.include_usage,
            which any scenario honours). Responses, Anthropic and Ollama
            report usage in every scenario, so there it streams as text.
  slow      text whose first token comes 1.5 s after the stream's opening
            events (OpenAI Chat's role chunk; Responses' created, in_progress,
            output_item.added and content_part.added; Anthropic's
            message_start, content_block_start and ping; nothing for Ollama).
  burst     40 tokens "b01" " b02" ... " b40": the first 10 20 ms apart,
            a 600 ms silence, then the other 30 in one write (one TCP send);
            the closing events follow 20 ms apart, as in every scenario.
  error     the tokens "Héllo" "," then the provider's mid-stream error, and
            the stream ends: OpenAI Chat a data: {"error": {...}} chunk
            (server_error); Responses an "error" event (code server_error);
            Anthropic an "error" event (overloaded_error, "Overloaded");
            Ollama an {"error": "..."} line. Chat's "stream": false answers
            500 with the same error body.
  thinking  Anthropic: a thinking block (thinking_delta chunks, then a
            signature_delta) before the text block; Ollama: the reasoning in
            message.thinking (generate: "thinking") before the text; OpenAI
            streams it as text.
Usage figures: 25 input (prompt) tokens; as output tokens, one for each text
or thinking delta and one for each 5-character fragment of compact JSON
arguments (so every provider reports the same figures).
"""
import asyncio
import itertools
import json
import random
import string
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, StreamingResponse

import asgi_peer

lifetime = float(sys.argv[1]) if len(sys.argv) > 1 else 30

TICK = 0.02
INPUT_TOKENS = 25
FINGERPRINT = "fp_5f0c2a3b1e"
TEXT = ["Héllo", ",", " wörld", " —", " 你好", " 🙂", "\n", "Second", " line", " of", " the", " answer."]
BURST = [f"{' ' if n > 1 else ''}b{n:02d}" for n in range(1, 41)]
THOUGHT = ["The user", " greets", " me;", " I will", " greet", " back."]
SIGNATURE = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"
TOOLS = [("get_weather", {"city": "Paris", "unit": "celsius"}), ("get_time", {"tz": "Europe/Paris"})]
CHAT_ERROR = {
    "message": "The server had an error while processing your request. Sorry about that!",
    "type": "server_error",
    "param": None,
    "code": None,
}
OLLAMA_ERROR = "an error was encountered while running the model: unexpected EOF"


@dataclass
class Script:
    """One scenario, told in the providers' common terms. Each group of
    tokens (delay before it, tokens) goes out in one write."""
    text: list
    thinking: tuple = ()
    tools: tuple = ()
    error: bool = False
    usage: bool = False


def paced(tokens, first=TICK):
    return [(first if n == 0 else TICK, [token]) for n, token in enumerate(tokens)]


SCENARIOS = {
    "text": Script(paced(TEXT)),
    "tools": Script(paced(["Let me check", " that."]), tools=TOOLS),
    "usage": Script(paced(TEXT), usage=True),
    "slow": Script(paced(TEXT, first=1.5)),
    "burst": Script(paced(BURST[:10]) + [(0.6, BURST[10:])]),
    "error": Script(paced(TEXT[:2]), error=True),
    "thinking": Script(paced(TEXT), thinking=paced(THOUGHT)),
}


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def sse(data, event=None):
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {compact(data)}\n\n".encode()


def fragments(raw):
    """Tool arguments cut every 5 characters: mid-key and mid-string."""
    return [raw[i:i + 5] for i in range(0, len(raw), 5)]


def ident(prefix):
    return prefix + uuid.uuid4().hex


def obfuscation():
    """OpenAI's random padding, which evens out the chunks' lengths."""
    return "".join(random.choices(string.ascii_letters + string.digits, k=random.randint(2, 14)))


async def paused(groups):
    """A script's token groups, each when its delay has passed."""
    for delay, tokens in groups:
        await asyncio.sleep(delay)
        yield tokens


def output_count(script):
    """The output tokens reported: one a delta, an argument fragment one."""
    deltas = sum(len(tokens) for _, tokens in script.text + list(script.thinking))
    return deltas + sum(len(fragments(compact(arguments))) for _, arguments in script.tools)


def event_stream(body):
    return StreamingResponse(body, media_type="text/event-stream", headers={"Cache-Control": "no-cache"})


app = FastAPI(openapi_url=None)


@app.get("/health")
async def health():
    return PlainTextResponse("ok")


# OpenAI Chat Completions

def chat_usage(script):
    output = output_count(script)
    return {
        "prompt_tokens": INPUT_TOKENS,
        "completion_tokens": output,
        "total_tokens": INPUT_TOKENS + output,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }


async def chat_stream(script, model, with_usage, obfuscated):
    chunk_id, created = ident("chatcmpl-"), int(time.time())

    def chunk(choices, usage=None):
        data = {
            "id": chunk_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "service_tier": "default",
            "system_fingerprint": FINGERPRINT,
            "choices": choices,
        }
        if with_usage:
            data["usage"] = usage
        if obfuscated:
            data["obfuscation"] = obfuscation()
        return sse(data)

    def delta(fields, finish_reason=None):
        return chunk([{"index": 0, "delta": fields, "logprobs": None, "finish_reason": finish_reason}])

    yield delta({"role": "assistant", "content": "", "refusal": None})
    async for tokens in paused(script.text):
        yield b"".join(delta({"content": token}) for token in tokens)
    if script.error:
        await asyncio.sleep(TICK)
        yield sse({"error": CHAT_ERROR})
        return
    for index, (name, arguments) in enumerate(script.tools):
        await asyncio.sleep(TICK)
        call = {"index": index, "id": ident("call_"), "type": "function", "function": {"name": name, "arguments": ""}}
        yield delta({"tool_calls": [call]})
        for fragment in fragments(compact(arguments)):
            await asyncio.sleep(TICK)
            yield delta({"tool_calls": [{"index": index, "function": {"arguments": fragment}}]})
    await asyncio.sleep(TICK)
    yield delta({}, "tool_calls" if script.tools else "stop")
    if with_usage:
        await asyncio.sleep(TICK)
        yield chunk([], chat_usage(script))
    await asyncio.sleep(TICK)
    yield b"data: [DONE]\n\n"


async def chat_answer(script, model):
    """The whole chat.completion of a "stream": false request."""
    if script.error:
        return JSONResponse({"error": CHAT_ERROR}, status_code=500)
    await asyncio.sleep(sum(delay for delay, _ in script.text))
    calls = [
        {"id": ident("call_"), "type": "function", "function": {"name": name, "arguments": compact(arguments)}}
        for name, arguments in script.tools
    ]
    message = {"role": "assistant", "content": "".join(t for _, tokens in script.text for t in tokens)}
    if calls:
        message["tool_calls"] = calls
    message.update(refusal=None, annotations=[])
    return JSONResponse({
        "id": ident("chatcmpl-"),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": "tool_calls" if calls else "stop"}],
        "usage": chat_usage(script),
        "service_tier": "default",
        "system_fingerprint": FINGERPRINT,
    })


@app.post("/v1/chat/completions")
async def chat_completions(request: Request):
    body = await request.json()
    model = body.get("model")
    script = SCENARIOS.get(model)
    if script is None:
        return JSONResponse({"error": {
            "message": f"The model `{model}` does not exist or you do not have access to it.",
            "type": "invalid_request_error",
            "param": None,
            "code": "model_not_found",
        }}, status_code=404)
    if not body.get("stream"):
        return await chat_answer(script, model)
    options = body.get("stream_options") or {}
    with_usage = script.usage or bool(options.get("include_usage"))
    return event_stream(chat_stream(script, model, with_usage, options.get("include_obfuscation", True)))


# OpenAI Responses

async def responses_stream(script, model, tools, obfuscated):
    response_id, created = ident("resp_"), int(time.time())
    numbers = itertools.count()

    def event(kind, **fields):
        return sse({"type": kind, "sequence_number": next(numbers), **fields}, event=kind)

    def padded(fields):
        return {**fields, "obfuscation": obfuscation()} if obfuscated else fields

    def response(status, output, usage=None):
        return {
            "id": response_id,
            "object": "response",
            "created_at": created,
            "status": status,
            "background": False,
            "completed_at": int(time.time()) if status == "completed" else None,
            "error": None,
            "incomplete_details": None,
            "instructions": None,
            "max_output_tokens": None,
            "max_tool_calls": None,
            "model": model,
            "output": output,
            "parallel_tool_calls": True,
            "previous_response_id": None,
            "reasoning": {"effort": None, "summary": None},
            "service_tier": "default",
            "store": True,
            "temperature": 1.0,
            "text": {"format": {"type": "text"}, "verbosity": "medium"},
            "tool_choice": "auto",
            "tools": tools,
            "top_logprobs": 0,
            "top_p": 1.0,
            "truncation": "disabled",
            "usage": usage,
            "user": None,
            "metadata": {},
        }

    done = []
    yield event("response.created", response=response("in_progress", []))
    yield event("response.in_progress", response=response("in_progress", []))
    item_id = ident("msg_")
    message = {"id": item_id, "type": "message", "status": "in_progress", "content": [], "role": "assistant"}
    where = {"item_id": item_id, "output_index": 0, "content_index": 0}
    yield event("response.output_item.added", output_index=0, item=message)
    yield event("response.content_part.added", **where, part={"type": "output_text", "annotations": [], "logprobs": [], "text": ""})
    async for tokens in paused(script.text):
        yield b"".join(
            event("response.output_text.delta", **padded({**where, "delta": token, "logprobs": []}))
            for token in tokens
        )
    if script.error:
        await asyncio.sleep(TICK)
        yield event("error", code="server_error", message=CHAT_ERROR["message"], param=None)
        return
    text = "".join(t for _, tokens in script.text for t in tokens)
    part = {"type": "output_text", "annotations": [], "logprobs": [], "text": text}
    await asyncio.sleep(TICK)
    yield event("response.output_text.done", **where, text=text, logprobs=[])
    yield event("response.content_part.done", **where, part=part)
    done.append({**message, "status": "completed", "content": [part]})
    yield event("response.output_item.done", output_index=0, item=done[-1])
    for output_index, (name, arguments) in enumerate(script.tools, start=1):
        raw = compact(arguments)
        call = {"id": ident("fc_"), "type": "function_call", "status": "in_progress", "arguments": "", "call_id": ident("call_"), "name": name}
        await asyncio.sleep(TICK)
        yield event("response.output_item.added", output_index=output_index, item=call)
        for fragment in fragments(raw):
            await asyncio.sleep(TICK)
            yield event("response.function_call_arguments.delta",
                        **padded({"item_id": call["id"], "output_index": output_index, "delta": fragment}))
        await asyncio.sleep(TICK)
        yield event("response.function_call_arguments.done", item_id=call["id"], output_index=output_index, arguments=raw)
        done.append({**call, "status": "completed", "arguments": raw})
        yield event("response.output_item.done", output_index=output_index, item=done[-1])
    output = output_count(script)
    usage = {
        "input_tokens": INPUT_TOKENS,
        "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
        "output_tokens": output,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": INPUT_TOKENS + output,
    }
    await asyncio.sleep(TICK)
    yield event("response.completed", response=response("completed", done, usage))


@app.post("/v1/responses")
async def responses(request: Request):
    body = await request.json()
    model = body.get("model")
    script = SCENARIOS.get(model)
    if script is None:
        return JSONResponse({"error": {
            "message": f"The requested model '{model}' does not exist.",
            "type": "invalid_request_error",
            "param": "model",
            "code": "model_not_found",
        }}, status_code=400)
    obfuscated = (body.get("stream_options") or {}).get("include_obfuscation", True)
    return event_stream(responses_stream(script, model, body.get("tools", []), obfuscated))


# Anthropic Messages

async def messages_stream(script, model):
    def event(kind, **fields):
        return sse({"type": kind, **fields}, event=kind)

    def delta(index, **fields):
        return event("content_block_delta", index=index, delta=fields)

    yield event("message_start", message={
        "id": ident("msg_"),
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "usage": {"input_tokens": INPUT_TOKENS, "output_tokens": 1},
    })
    # Anthropic pings once, after the first content_block_start.
    index = 0
    if script.thinking:
        yield event("content_block_start", index=index, content_block={"type": "thinking", "thinking": "", "signature": ""})
        yield event("ping")
        async for tokens in paused(script.thinking):
            yield b"".join(delta(index, type="thinking_delta", thinking=token) for token in tokens)
        await asyncio.sleep(TICK)
        yield delta(index, type="signature_delta", signature=SIGNATURE)
        yield event("content_block_stop", index=index)
        index += 1
    yield event("content_block_start", index=index, content_block={"type": "text", "text": ""})
    if not script.thinking:
        yield event("ping")
    async for tokens in paused(script.text):
        yield b"".join(delta(index, type="text_delta", text=token) for token in tokens)
    if script.error:
        await asyncio.sleep(TICK)
        yield event("error", error={"type": "overloaded_error", "message": "Overloaded"})
        return
    await asyncio.sleep(TICK)
    yield event("content_block_stop", index=index)
    for name, arguments in script.tools:
        index += 1
        await asyncio.sleep(TICK)
        yield event("content_block_start", index=index, content_block={"type": "tool_use", "id": ident("toolu_"), "name": name, "input": {}})
        for fragment in [""] + fragments(json.dumps(arguments, ensure_ascii=False)):
            await asyncio.sleep(TICK)
            yield delta(index, type="input_json_delta", partial_json=fragment)
        await asyncio.sleep(TICK)
        yield event("content_block_stop", index=index)
    await asyncio.sleep(TICK)
    yield event("message_delta", delta={"stop_reason": "tool_use" if script.tools else "end_turn", "stop_sequence": None},
                usage={"output_tokens": output_count(script)})
    await asyncio.sleep(TICK)
    yield event("message_stop")


@app.post("/v1/messages")
async def messages(request: Request):
    model = (await request.json()).get("model")
    script = SCENARIOS.get(model)
    if script is None:
        return JSONResponse({"type": "error", "error": {"type": "not_found_error", "message": f"model: {model}"}}, status_code=404)
    return event_stream(messages_stream(script, model))


# Ollama

async def ollama_stream(script, model, chat):
    started = time.monotonic_ns()

    def line(content="", more=None, **fields):
        """A line of the answer: content, with `more` fields (thinking,
        tool_calls) in chat's message or generate's object, then `fields`."""
        data = {"model": model, "created_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")}
        if chat:
            data["message"] = {"role": "assistant", "content": content, **(more or {})}
        else:
            data.update(response=content, **(more or {}))
        return (compact({**data, **fields}) + "\n").encode()

    async for tokens in paused(script.thinking):
        yield b"".join(line(more={"thinking": token}, done=False) for token in tokens)
    async for tokens in paused(script.text):
        yield b"".join(line(token, done=False) for token in tokens)
    if script.error:
        await asyncio.sleep(TICK)
        yield (compact({"error": OLLAMA_ERROR}) + "\n").encode()
        return
    if chat and script.tools:
        await asyncio.sleep(TICK)
        calls = [{"function": {"name": name, "arguments": arguments}} for name, arguments in script.tools]
        yield line(more={"tool_calls": calls}, done=False)
    await asyncio.sleep(TICK)
    total = time.monotonic_ns() - started
    closing = {} if chat else {"context": [1, 2, 3]}
    yield line(
        done=True,
        done_reason="stop",
        **closing,
        total_duration=total,
        load_duration=total // 20,
        prompt_eval_count=INPUT_TOKENS,
        prompt_eval_duration=total // 10,
        eval_count=output_count(script),
        eval_duration=total - total // 20 - total // 10,
    )


async def ollama(request, chat):
    model = (await request.json()).get("model")
    script = SCENARIOS.get(model)
    if script is None:
        return JSONResponse({"error": f"model '{model}' not found"}, status_code=404)
    return StreamingResponse(ollama_stream(script, model, chat), media_type="application/x-ndjson")


@app.post("/api/chat")
async def ollama_chat(request: Request):
    return await ollama(request, chat=True)


@app.post("/api/generate")
async def ollama_generate(request: Request):
    return await ollama(request, chat=False)


asgi_peer.serve(app, lifetime)
