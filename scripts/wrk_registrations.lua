-- The public registration form posted by wrk as fast as it is answered, each submission
-- with an address of its own. scripts/bench.py passes: the file of form bodies (one per
-- line, urlencoded, with SERIALX where each submission puts its own serial), the Cookie
-- header (the CSRF cookie the form came with) and the form's address (the Referer that
-- Django's CSRF check asks for over HTTPS). Prints one JSON line when the run ends.
local threads = {}

setup = function(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

init = function(args)
  bodies = {}
  for line in io.lines(args[1]) do
    bodies[#bodies + 1] = line
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = args[2]
  wrk.headers["Referer"] = args[3]
  sent, accepted, refused, first_refused = 0, 0, 0, ""
end

request = function()
  sent = sent + 1
  local body = bodies[sent % #bodies + 1]:gsub("SERIALX", id .. "x" .. sent)
  return wrk.format(nil, nil, nil, body)
end

response = function(status, headers, body)
  if status >= 300 and status < 400 then
    accepted = accepted + 1
  else
    refused = refused + 1
    if first_refused == "" then
      first_refused = status .. ": " .. string.sub(body or "", 1, 300)
    end
  end
end

done = function(summary, latency, requests)
  local total_accepted, total_refused, failure = 0, 0, ""
  for _, thread in ipairs(threads) do
    total_accepted = total_accepted + thread:get("accepted")
    total_refused = total_refused + thread:get("refused")
    if failure == "" then failure = thread:get("first_refused") end
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "accepted": %d, "refused": %d, ' ..
    '"socket_errors": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"failure": "%s"}\n',
    summary.requests, summary.duration, total_accepted, total_refused,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    (failure:gsub("[%c\"\\]", " "))))
end
