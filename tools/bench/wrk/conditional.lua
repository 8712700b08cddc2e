-- GET wrk's URL with If-None-Match: SOJ_ETAG (the validator the server gave for it).
wrk.headers["If-None-Match"] = os.getenv("SOJ_ETAG")
