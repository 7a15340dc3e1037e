"""China customs (China E-port, 海关跨境电商统一版 202205) message layer. No Django here.

- :mod:`.messages` / :mod:`.receipts`: typed dataclasses, one per XSD record, fields in XSD order.
- :func:`build` (validated XML, signed with a :class:`Signer` for CEB621/623/625), :func:`parse`.
- :func:`validate` against the official XSD (cached; offline).
- :mod:`.sign`: enveloped XML-DSig, RSA-SHA1 now, SM2/SM3 device seam.
- :func:`check_three_documents`: docs/rules.md rule 11 before customs checks it.
- :class:`CustomsSimulator`: a local customs answering with receipts; :mod:`.folder_transport`
  runs it over outbox/inbox folders.
"""

from .build import build, serialize
from .errors import CustomsError, SchemaError, SignatureRequired, UnsupportedMessage
from .folder_transport import archive, read_inbox, run_simulator_once, write_outbox
from .formats import CHINA_TZ, NS, amount, app_time, decl_date, new_guid, return_time
from .identities import Mismatch, check_three_documents
from .messages import (
    CEB311, CEB411, CEB511, CEB621, CEB623, CEB625, BaseTransfer, Inventory, InventoryHead, InventoryItem,
    InvtCancel, InvtRefund, InvtRefundHead, InvtRefundItem, Logistics, LogisticsHead, Order, OrderHead,
    OrderItem, Payment, PaymentHead,
)
from .parse import message_type, parse
from .receipts import (
    CEB312, CEB412, CEB512, CEB622, CEB624, CEB626, CEB816, CEB900, InventoryReturn, InvtCancelReturn,
    InvtRefundReturn, LogisticsReturn, MessageReturn,
    OrderReturn, PaymentReturn, ReturnStatus, Tax, TaxHeadRd, TaxListRd, error_code,
)
from .sign import DeviceSigner, KeyDevice, RsaSha1Signer, Signer, generate_test_certificate, verify
from .simulator import CustomsSimulator, SimulatorConfig, SimulatorState
from .taxbill import TaxRates
from .validate import validate

import types as _types

__all__ = [n for n, v in dict(globals()).items() if not n.startswith("_") and not isinstance(v, _types.ModuleType)]
__all__.remove("annotations") if "annotations" in __all__ else None
