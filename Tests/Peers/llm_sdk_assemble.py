"""Streams one scenario of llm_server.py through a provider's official SDK
and prints what the SDK assembled, so that the LLM lens tests can compare
StreamTap's assembly with the provider's own.

Usage: python llm_sdk_assemble.py PROVIDER BASE_URL SCENARIO
  PROVIDER  openai            Chat Completions, client.chat.completions.stream()
                              and its get_final_completion()
            openai-responses  Responses, client.responses.stream() and its
                              get_final_response()
            anthropic         Messages, client.messages.stream() and its
                              get_final_message()
            ollama            Client.chat(stream=True), the lines' message
                              contents concatenated
            ollama-generate   Client.generate(stream=True), the lines'
                              responses concatenated
  BASE_URL  the server's root, as http://127.0.0.1:PORT (the OpenAI client
            is given BASE_URL + "/v1")
  SCENARIO  sent as the request's model

Prints one JSON line (UTF-8, not ASCII-escaped) and exits 0:
  {"text": str, "thinking": str,
   "toolCalls": [{"name": str, "arguments": str, "argumentsRaw": str|null}],
   "stopReason": str|null, "usage": {"input": int, "output": int}|null,
   "error": str|null, "errorType": str|null}
  text        the answer's text: OpenAI Chat's message content, Responses'
              output_text, Anthropic's text blocks joined, Ollama's contents
  thinking    Anthropic's thinking blocks joined, Ollama's thinking; "" for
              OpenAI
  toolCalls   in the order of the answer. "arguments" is normalised: the
              arguments as a JSON object (OpenAI's string parsed with
              json.loads, Anthropic's input as the SDK parsed it, Ollama's
              object), written back as compact JSON: separators "," and ":",
              no whitespace, keys in the order received, non-ASCII characters
              as themselves (json.dumps(..., separators=(",", ":"),
              ensure_ascii=False)). "argumentsRaw" is the argument text as
              the wire carried it, the fragments concatenated (OpenAI's
              arguments string, Anthropic's partial_json); null for Ollama,
              which sends an object.
  stopReason  OpenAI Chat's finish_reason, Responses' status, Anthropic's
              stop_reason, Ollama's done_reason
  usage       input and output tokens as reported (OpenAI Chat's
              prompt/completion_tokens, Responses' and Anthropic's
              input/output_tokens, Ollama's prompt_eval_count/eval_count), or
              null when the stream reported none
  error       on a stream that fails, str() of the exception the SDK raised
              (for Responses, whose SDK does not raise on an "error" event,
              that event's message), with the text assembled up to it;
              errorType is the exception's class name ("ResponseErrorEvent"
              for Responses)
"""
import json
import sys

PROMPT = "Say hello."


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def tool_call(name, arguments, raw):
    return {"name": name, "arguments": compact(arguments), "argumentsRaw": raw}


def result(text="", thinking="", tool_calls=(), stop_reason=None, usage=None, error=None, error_type=None):
    return {
        "text": text,
        "thinking": thinking,
        "toolCalls": list(tool_calls),
        "stopReason": stop_reason,
        "usage": usage,
        "error": error,
        "errorType": error_type,
    }


def failure(text, error, thinking=""):
    return result(text, thinking, error=str(error), error_type=type(error).__name__)


def openai_chat(base_url, scenario):
    import openai

    client = openai.OpenAI(base_url=base_url + "/v1", api_key="test", max_retries=0)
    with client, client.chat.completions.stream(model=scenario, messages=[{"role": "user", "content": PROMPT}]) as stream:
        try:
            stream.until_done()
        except openai.APIError as error:
            return failure(stream.current_completion_snapshot.choices[0].message.content or "", error)
        completion = stream.get_final_completion()
    choice = completion.choices[0]
    calls = [
        tool_call(call.function.name, json.loads(call.function.arguments), call.function.arguments)
        for call in choice.message.tool_calls or []
    ]
    usage = completion.usage and {"input": completion.usage.prompt_tokens, "output": completion.usage.completion_tokens}
    return result(choice.message.content or "", "", calls, choice.finish_reason, usage)


def openai_responses(base_url, scenario):
    import openai

    client = openai.OpenAI(base_url=base_url + "/v1", api_key="test", max_retries=0)
    text = ""
    with client, client.responses.stream(model=scenario, input=PROMPT) as stream:
        for event in stream:
            if event.type == "response.output_text.delta":
                text = event.snapshot
            elif event.type == "error":
                return result(text, error=event.message, error_type=type(event).__name__)
        response = stream.get_final_response()
    calls = [
        tool_call(item.name, json.loads(item.arguments), item.arguments)
        for item in response.output
        if item.type == "function_call"
    ]
    usage = response.usage and {"input": response.usage.input_tokens, "output": response.usage.output_tokens}
    return result(response.output_text, "", calls, response.status, usage)


def anthropic_messages(base_url, scenario):
    import anthropic

    client = anthropic.Anthropic(base_url=base_url, api_key="test", max_retries=0)
    raw = {}
    request = {"model": scenario, "max_tokens": 1024, "messages": [{"role": "user", "content": PROMPT}]}
    with client, client.messages.stream(**request) as stream:
        try:
            for event in stream:
                if event.type == "content_block_delta" and event.delta.type == "input_json_delta":
                    raw[event.index] = raw.get(event.index, "") + event.delta.partial_json
        except anthropic.APIError as error:
            blocks = stream.current_message_snapshot.content
            return failure("".join(block.text for block in blocks if block.type == "text"), error,
                           "".join(block.thinking for block in blocks if block.type == "thinking"))
        message = stream.get_final_message()
    blocks = list(enumerate(message.content))
    return result(
        "".join(block.text for _, block in blocks if block.type == "text"),
        "".join(block.thinking for _, block in blocks if block.type == "thinking"),
        [tool_call(block.name, block.input, raw.get(index)) for index, block in blocks if block.type == "tool_use"],
        message.stop_reason,
        {"input": message.usage.input_tokens, "output": message.usage.output_tokens},
    )


def ollama_stream(base_url, scenario, chat):
    import ollama

    # ollama.Client has __exit__ but no __enter__, so it is closed by hand.
    client = ollama.Client(host=base_url)
    text, thinking, calls, last = "", "", [], None
    if chat:
        parts = client.chat(model=scenario, messages=[{"role": "user", "content": PROMPT}], stream=True)
    else:
        parts = client.generate(model=scenario, prompt=PROMPT, stream=True)
    try:
        for part in parts:
            last = part
            if chat:
                text += part.message.content or ""
                thinking += part.message.thinking or ""
                calls += [tool_call(call.function.name, call.function.arguments, None) for call in part.message.tool_calls or []]
            else:
                text += part.response or ""
                thinking += part.thinking or ""
    except ollama.ResponseError as error:
        return failure(text, error, thinking)
    finally:
        client.close()
    usage = None if last.eval_count is None else {"input": last.prompt_eval_count, "output": last.eval_count}
    return result(text, thinking, calls, last.done_reason, usage)


def main():
    provider, base_url, scenario = sys.argv[1:4]
    base_url = base_url.rstrip("/")
    assemble = {
        "openai": lambda: openai_chat(base_url, scenario),
        "openai-responses": lambda: openai_responses(base_url, scenario),
        "anthropic": lambda: anthropic_messages(base_url, scenario),
        "ollama": lambda: ollama_stream(base_url, scenario, chat=True),
        "ollama-generate": lambda: ollama_stream(base_url, scenario, chat=False),
    }[provider]
    sys.stdout.reconfigure(encoding="utf-8")
    print(json.dumps(assemble(), ensure_ascii=False), flush=True)


main()
