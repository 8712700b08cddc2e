#pragma once
// AlertService: the alert use cases of the SPEC, independent of HTTP. Every call takes the
// acting principal, enforces who may do what, validates, and commits the document, its
// index entries and an event in one WriteBatch. Reads return alerts the caller may see;
// redacting withheld names for output is done with AlertView (see ViewFor).

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "storage/store.hpp"
#include "tracker/alert_json.hpp"
#include "tracker/alert_query.hpp"
#include "tracker/calendar.hpp"
#include "tracker/error.hpp"
#include "tracker/event.hpp"
#include "tracker/principal.hpp"
#include "tracker/reference_data.hpp"

namespace soj::tracker {

class WebhookOutbox;

struct SubmitOutcome {
  Alert alert;
  bool created = false;  // false when an earlier submission with the same ref/key is returned
};

struct TransitionRequest {
  AlertStatus to = AlertStatus::kPublished;
  std::string reason;        // required to resolve; recorded in the event
  std::optional<Date> date;  // resolution date; today when absent
};

struct NoteRequest {
  std::string text;
  std::optional<Date> date;  // today when absent
};

// What `who` may see of `alert` when it is rendered.
AlertView ViewFor(const Principal& who, const Alert& alert);

class AlertService {
 public:
  // `search` answers lists with text (`q`); without it they are kUnavailable. With `outbox`,
  // every change subscribers may hear of queues its webhook notifications in the change's
  // own write (see WebhookOutbox::Record); tools that load data pass none.
  AlertService(storage::Store& store, const Clock& clock, const PartnerDirectory& partners,
               const SearchIndex* search = nullptr, const WebhookOutbox* outbox = nullptr);

  // Field-rule checks of `content` against today's date and the registered partners.
  void CheckContent(const AlertContent& content, FieldErrors& errors) const;

  // Every check of a submission of `content` by `who`: CheckContent, and no person links
  // unless `who` is an editor (they are an editor's decision).
  void CheckSubmission(const Principal& who, const AlertContent& content,
                       FieldErrors& errors) const;

  // Creates a draft. Partners and editors only. A repeated (submitter, external_ref) or
  // (submitter, idempotency_key) returns the earlier alert with created = false; reusing an
  // idempotency key for different content is a kInvalid error on "Idempotency-Key".
  Result<SubmitOutcome> Submit(const Principal& who, AlertContent content,
                               const std::optional<std::string>& idempotency_key = {});

  // Submit without waiting for the write: `done` gets the outcome once, on the store's writer
  // thread when the draft is durable or its write failed, or at once on the calling thread
  // when the submission is refused before any write. It must be quick: writes queued behind
  // this one wait for it.
  using SubmitDone = std::function<void(Result<SubmitOutcome>)>;
  void SubmitQueued(const Principal& who, AlertContent content,
                    const std::optional<std::string>& idempotency_key, SubmitDone done);

  // Applies an RFC 7396 merge patch to the editable fields when the alert is at
  // `expected_version` (kPreconditionFailed otherwise). Owning partners while draft; editors.
  // A partner's patch keeps person links as CheckPersonLinksKept says, and may send
  // `victims` or `partners` only if it may see the alert's withheld victims (kInvalid
  // otherwise).
  Result<Alert> Edit(const Principal& who, AlertId id, uint64_t expected_version,
                     const boost::json::value& patch);

  // Moves the alert along the workflow (kConflict for an edge that does not exist).
  Result<Alert> Transition(const Principal& who, AlertId id, const TransitionRequest& request);

  // A state's official reply: state correspondents of the alert's country, editors.
  Result<Alert> AddStateReply(const Principal& who, AlertId id, const NoteRequest& request);

  // A follow-up: the alert's partners, editors.
  Result<Alert> AddUpdate(const Principal& who, AlertId id, const NoteRequest& request);

  // Makes `id` a pointer to `into` (editors). Returns the alert merged into. Its sources and
  // partners join `into`; partners new to it are recorded in merged_partners, so they are not
  // shown its withheld victims (none of which they reported). Victims are not copied.
  Result<Alert> Merge(const Principal& who, AlertId id, AlertId into);

  // The alert, if `who` may see it (kNotFound otherwise, existence not revealed); kMoved for a
  // merged alert.
  Result<Alert> Get(const Principal& who, AlertId id) const;

  Result<AlertPage> List(const Principal& who, const ListRequest& request) const;

  // The alert's events, oldest first: all of them for editors and admins (admins without
  // edits' "before" values, which may hold withheld names), the public part
  // (PublicEventJson) for everyone else who may see the alert.
  Result<std::vector<boost::json::object>> History(const Principal& who, AlertId id) const;

 private:
  using Mutation = std::function<Result<Alert>(storage::Transaction&)>;
  // Runs `mutation` as one write and waits until it is durable.
  Result<Alert> Commit(Mutation mutation);
  // Queues `mutation` as one write; `done` as for SubmitQueued. The mutation runs on the
  // writer thread: what it captures must outlive the write.
  void CommitQueued(Mutation mutation, std::function<void(Result<Alert>)> done);
  Result<Alert> LoadForWrite(storage::Transaction& txn, const Principal& who, AlertId id) const;
  Event MakeEvent(const Principal& who, const Alert& alert, EventKind kind,
                  boost::json::object detail) const;
  void Touch(Alert& alert) const;
  Result<Alert> AddNote(const Principal& who, AlertId id, const NoteRequest& request,
                        bool state_reply);
  // Appends `event` and queues its webhook notifications, in the same transaction.
  std::optional<Error> Record(storage::Transaction& txn, Event& event, const Alert& alert) const;

  storage::Store& store_;
  const Clock& clock_;
  const PartnerDirectory& partners_;
  const SearchIndex* search_;
  const WebhookOutbox* outbox_;
};

}  // namespace soj::tracker
