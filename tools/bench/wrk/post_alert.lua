-- POST the alert in the file SOJ_BODY with the bearer token SOJ_TOKEN; counts non-201s.
local f = io.open(os.getenv("SOJ_BODY"), "rb")
wrk.body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("SOJ_TOKEN")
