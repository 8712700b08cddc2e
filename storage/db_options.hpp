#pragma once
// The RocksDB database options of every store this build opens.

#include <rocksdb/options.h>

#include <string>

namespace soj::storage {

// Options for the database at `path`:
// - RocksDB's own info log goes to `path`/LOG through a logger that ignores failed writes.
//   RocksDB's file logger, as Debian builds it (assertions on), aborts the process on the
//   second line it cannot write — on a full disk that was the whole server.
// - Recovery from a background error (a full disk) is left to the writer, which calls
//   Resume() before its next write (storage/write_queue.cpp). RocksDB's automatic recovery
//   waits for free space of a whole write buffer (64 MiB) and blocks Resume() meanwhile.
rocksdb::DBOptions StoreDbOptions(const std::string& path);

}  // namespace soj::storage
