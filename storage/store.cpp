#include "storage/store.hpp"

#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>

#include <charconv>
#include <filesystem>

#include "storage/db_options.hpp"
#include "storage/key_codec.hpp"

namespace soj::storage {
namespace {

constexpr std::string_view kSchemaKey = "schema_version";

Status FromRocks(const rocksdb::Status& s, std::string_view context) {
  if (s.ok()) return Status::Ok();
  std::string message = std::string(context) + ": " + s.ToString();
  if (s.IsCorruption()) return Status::Corruption(message);
  if (s.IsNoSpace()) return Status::Unavailable(message);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(message);
  return Status::IoError(message);
}

rocksdb::Slice ToSlice(std::string_view s) { return {s.data(), s.size()}; }

rocksdb::ColumnFamilyOptions FamilyOptions(std::string_view name,
                                           const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions options;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  // Bloom filters answer point reads of absent keys without touching data blocks: worth it
  // where misses are common (idempotency keys, token hashes, metadata). The large families
  // are scanned by range or read by ids that exist, where filters would only cost memory and
  // start-up time (every table's filter is loaded when the store opens).
  auto is = [&](Family f) { return name == kFamilyNames[static_cast<std::size_t>(f)]; };
  const bool misses = is(Family::kIdempotency) || is(Family::kTokens) || is(Family::kMeta);
  if (misses) table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return options;
}

}  // namespace

ReadView::~ReadView() {
  if (snapshot_ != nullptr) db_->ReleaseSnapshot(snapshot_);
}

StatusOr<std::unique_ptr<Store>> Store::Open(const StoreOptions& options) {
  std::unique_ptr<Store> store(new Store());
  Status s = store->Initialize(options);
  if (!s.ok()) return s;
  return store;
}

Status Store::Initialize(const StoreOptions& options) {
  if (!options.secondary_path.empty()) return InitializeSecondary(options);
  path_ = options.path;
  std::error_code ec;
  const bool exists = std::filesystem::exists(std::filesystem::path(path_) / "CURRENT", ec);
  if (!exists && !options.create_if_missing)
    return Status::NotFound("no soj-tracker data directory at " + path_);
  if (!exists) {
    std::filesystem::create_directories(path_, ec);
    if (ec) return Status::IoError("cannot create " + path_ + ": " + ec.message());
  }

  const rocksdb::DBOptions db_options = StoreDbOptions(path_);

  auto cache = rocksdb::NewLRUCache(128 << 20);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (std::string_view name : kFamilyNames)
    descriptors.emplace_back(std::string(name), FamilyOptions(name, cache));
  // RocksDB requires every existing family to be opened; keep unknown ones (from a newer
  // build) open so the schema check below can explain the problem instead of failing here.
  if (exists) {
    std::vector<std::string> existing;
    rocksdb::Status ls = rocksdb::DB::ListColumnFamilies(db_options, path_, &existing);
    if (!ls.ok()) return FromRocks(ls, "cannot read " + path_);
    for (const std::string& name : existing) {
      bool known = false;
      for (std::string_view ours : kFamilyNames) known = known || ours == name;
      if (!known) descriptors.emplace_back(name, FamilyOptions(name, cache));
    }
  }

  rocksdb::Status opened = rocksdb::DB::Open(db_options, path_, descriptors, &handles_, &db_);
  if (!opened.ok()) {
    if (opened.IsCorruption())
      return Status::Corruption("the store at " + path_ + " is damaged (" + opened.ToString() +
                                "); restore the latest backup (soj-admin restore)");
    return FromRocks(opened, "cannot open the store at " + path_);
  }
  auto version = Get(Family::kMeta, kSchemaKey);
  if (!version) return version.error();
  if (!*version) {
    auto last = LastSequence(Family::kAlerts);
    if (!last) return last.error();
    if (*last != 0)
      return Status::Corruption("the store at " + path_ +
                                " holds alerts but no schema version; it was not written by "
                                "soj-tracker or is damaged");
    rocksdb::WriteOptions sync;
    sync.sync = true;
    rocksdb::Status put =
        db_->Put(sync, Handle(Family::kMeta), ToSlice(kSchemaKey), std::to_string(kSchemaVersion));
    if (!put.ok()) return FromRocks(put, "cannot initialise the store");
  } else {
    int found = 0;
    const std::string& text = **version;
    auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), found);
    if (err != std::errc() || end != text.data() + text.size())
      return Status::Corruption("the store at " + path_ + " has an unreadable schema version '" +
                                text + "'");
    if (found != kSchemaVersion)
      return Status::InvalidArgument(
          "the store at " + path_ + " has schema version " + text + " but this soj-tracker " +
          "reads version " + std::to_string(kSchemaVersion) +
          (found > kSchemaVersion ? "; it was written by a newer release, upgrade soj-tracker"
                                  : "; migrate it with a release that supports it"));
  }

  auto last_alert = LastSequence(Family::kAlerts);
  if (!last_alert) return last_alert.error();
  auto last_event = LastSequence(Family::kEvents);
  if (!last_event) return last_event.error();
  handles_.resize(std::max(handles_.size(), kFamilyCount));
  writes_ =
      std::make_unique<WriteQueue>(db_, &handles_, *last_alert + 1, *last_event + 1, options.sync);
  return Status::Ok();
}

Store::~Store() {
  if (writes_) writes_->Stop();
  writes_.reset();
  if (db_ != nullptr) {
    for (auto* handle : handles_)
      if (handle != nullptr) db_->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
    db_->Close().PermitUncheckedError();
    delete db_;
  }
}

StatusOr<uint64_t> Store::LastSequence(Family family) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), Handle(family)));
  it->SeekToLast();
  if (!it->status().ok()) return FromRocks(it->status(), "cannot read the last key");
  if (!it->Valid()) return uint64_t{0};
  std::string_view key(it->key().data(), it->key().size());
  auto value = ConsumeUint64(&key);
  if (!value || !key.empty())
    return Status::Corruption("unexpected key in family " +
                              std::string(kFamilyNames[static_cast<std::size_t>(family)]));
  return *value;
}

StatusOr<std::optional<std::string>> Store::Get(Family family, std::string_view key,
                                                const ReadView* view) const {
  rocksdb::ReadOptions read;
  if (view != nullptr) {
    read.snapshot = view->snapshot_;
    read.fill_cache = view->fill_cache_;
  }
  std::string value;
  rocksdb::Status s = db_->Get(read, Handle(family), ToSlice(key), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocks(s, "read failed");
  return std::optional<std::string>(std::move(value));
}

Status Store::Scan(Family family, std::string_view lower, std::string_view upper,
                   Direction direction, const Visitor& visit, const ReadView* view) const {
  rocksdb::ReadOptions read;
  if (view != nullptr) {
    read.snapshot = view->snapshot_;
    read.fill_cache = view->fill_cache_;
  }
  rocksdb::Slice lower_slice = ToSlice(lower);
  rocksdb::Slice upper_slice = ToSlice(upper);
  read.iterate_lower_bound = &lower_slice;
  if (!upper.empty()) read.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read, Handle(family)));
  if (direction == Direction::kForward) {
    for (it->Seek(lower_slice); it->Valid(); it->Next())
      if (!visit({it->key().data(), it->key().size()}, {it->value().data(), it->value().size()}))
        break;
  } else {
    if (upper.empty())
      it->SeekToLast();
    else
      it->SeekForPrev(upper_slice);
    for (; it->Valid(); it->Prev()) {
      // SeekForPrev lands on `upper` itself when it exists; the range is half-open.
      if (!upper.empty() && it->key().compare(upper_slice) >= 0) continue;
      if (!visit({it->key().data(), it->key().size()}, {it->value().data(), it->value().size()}))
        break;
    }
  }
  return FromRocks(it->status(), "scan failed");
}

Status Store::ScanPrefix(Family family, std::string_view prefix, Direction direction,
                         const Visitor& visit, const ReadView* view) const {
  return Scan(family, prefix, PrefixSuccessor(prefix), direction, visit, view);
}

std::unique_ptr<ReadView> Store::Snapshot(bool fill_cache) const {
  // A secondary instance has no snapshot reads (RocksDB 7.8: NotSupported); its state only
  // moves in CatchUp, so a view without a snapshot reads the latest caught-up state.
  if (secondary_) return std::unique_ptr<ReadView>(new ReadView(db_, nullptr, fill_cache));
  return std::unique_ptr<ReadView>(new ReadView(db_, db_->GetSnapshot(), fill_cache));
}

uint64_t Store::LastCommitSequence() const {
  if (secondary_) return published_sequence_.load(std::memory_order_acquire);
  return db_->GetLatestSequenceNumber();
}

Status Store::Flush() {
  rocksdb::FlushOptions options;
  options.wait = true;
  std::vector<rocksdb::ColumnFamilyHandle*> live(handles_.begin(), handles_.begin() + kFamilyCount);
  return FromRocks(db_->Flush(options, live), "flush failed");
}

uint64_t Store::IntProperty(std::string_view name) const {
  uint64_t total = 0;
  for (std::size_t i = 0; i < kFamilyCount; ++i) {
    uint64_t value = 0;
    if (db_->GetIntProperty(handles_[i], ToSlice(name), &value)) total += value;
  }
  return total;
}

}  // namespace soj::storage
