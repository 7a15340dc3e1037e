-- wrk script of the flash sale's placement phase (benchmarks/flashsale/wrk.py writes its inputs).
-- Each request: POST /api/v1/brands/<brand>/orders as the next buyer of the pool (Bearer token, the
-- buyer's real name and ID number in the body), a fresh Idempotency-Key, the hot SKU or a random one.
-- init args: path, scenario (hot|random), hot SKU, random SKU count, random SKU prefix, buyers file,
-- thread count. Buyers file: one "token<TAB>body before the SKU<TAB>body after the SKU" per line.
-- done() prints one line "WRK_JSON {...}" with the counts by status and error code and the latency.

local threads = {}
local counter = 0
local buyers = {}
statuses = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  path, scenario, hot_sku = args[1], args[2], args[3]
  random_skus, sku_prefix, nthreads = tonumber(args[4]), args[5], tonumber(args[7])
  for line in io.lines(args[6]) do
    local token, head, tail = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)$")
    if token then buyers[#buyers + 1] = {token, head, tail} end
  end
  math.randomseed(7919 * (tid + 1))
end

function request()
  counter = counter + 1
  local b = buyers[((counter - 1) * nthreads + tid) % #buyers + 1]
  local sku = hot_sku
  if scenario == "random" then sku = string.format("%s%05d", sku_prefix, math.random(1, random_skus)) end
  local headers = {["Authorization"] = "Bearer " .. b[1], ["Content-Type"] = "application/json",
                   ["Idempotency-Key"] = string.format("w%d-%d-%d", tid, counter, math.random(1, 2147483647))}
  return wrk.format("POST", path, headers, b[2] .. sku .. b[3])
end

function response(status, headers, body)
  local key = tostring(status)
  if status ~= 201 then
    local code = body and body:match('"code"%s*:%s*"([^"]+)"')
    if code then key = key .. " " .. code end
  end
  statuses[key] = (statuses[key] or 0) + 1
end

local function json_string(s)
  return '"' .. tostring(s):gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for key, n in pairs(thread:get("statuses") or {}) do merged[key] = (merged[key] or 0) + n end
  end
  local parts = {}
  for key, n in pairs(merged) do parts[#parts + 1] = json_string(key) .. ":" .. n end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d},"latency_us":{"p50":%d,"p95":%d,"p99":%d,"max":%d,"mean":%.1f},' ..
    '"statuses":{%s}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, latency.mean,
    table.concat(parts, ",")))
end
