-- Broad and wildcard searches, varied so that no cache answers them: each request picks words
-- that match most alerts, a wildcard or two, a page size and sometimes a sort (docs/performance.md).
local broad = {"journalist", "the", "police", "reporter", "detained", "arrested", "media",
               "court", "journalists", "editor", "news", "of", "and", "a"}
local wild = {"journ*", "arr*", "rep*", "det*", "pol*", "med*", "co*", "pr*", "st*", "th*"}
local sorts = {"", "", "", "&sort=-incident_date", "&sort=-updated_at"}
math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
local function pick(list) return list[math.random(#list)] end
request = function()
  local q
  local kind = math.random(3)
  if kind == 1 then
    q = pick(broad)
  elseif kind == 2 then
    q = pick(wild)
  else
    q = pick(wild) .. "+OR+" .. pick(wild) .. "+OR+" .. pick(broad)
  end
  return wrk.format("GET", "/api/v1/alerts?q=" .. q .. "&limit=" .. math.random(1, 50) .. pick(sorts))
end
