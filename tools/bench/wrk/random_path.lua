-- GET a random path from the file named by SOJ_PATHS (one path per line).
local paths = {}
for line in io.lines(os.getenv("SOJ_PATHS")) do paths[#paths + 1] = line end
math.randomseed(os.time())
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
