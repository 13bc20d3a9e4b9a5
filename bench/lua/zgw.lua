-- wrk script shared by all workloads. Configured through environment variables set by bench/run:
--   ZGW_TOKEN    bearer token
--   ZGW_METHOD   GET/POST/...           ZGW_BODY_FILE  file with the request body (optional)
--   ZGW_PATHS    file with one path per line; requests rotate over them
--   ZGW_HEADERS  extra headers "Name: value" separated by "|"
local token = os.getenv("ZGW_TOKEN")
local method = os.getenv("ZGW_METHOD") or "GET"
local paths = {}
for line in io.lines(os.getenv("ZGW_PATHS")) do
  if #line > 0 then table.insert(paths, line) end
end
local body = nil
local body_file = os.getenv("ZGW_BODY_FILE")
if body_file and #body_file > 0 then
  local f = io.open(body_file, "rb"); body = f:read("*a"); f:close()
end
local headers = {["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json"}
if body then headers["Content-Type"] = "application/json" end
local extra = os.getenv("ZGW_HEADERS") or ""
for pair in string.gmatch(extra, "[^|]+") do
  local name, value = string.match(pair, "^%s*([^:]+):%s*(.-)%s*$")
  if name then headers[name] = value end
end

local counter = 0
request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  return wrk.format(method, path, headers, body)
end


done = function(summary, latency, requests)
  local out = string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "socket_errors": %d, "non2xx": %d}',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status)
  io.stderr:write("ZGW-RESULT " .. out .. "\n")
end
