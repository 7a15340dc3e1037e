import pytest

from haitao.consolidation.link import CustomerIndex, identity_hash, link_customers, phone_hash
from haitao.consolidation.reader import SourceCustomer

KEY = b"test-key"
ID_A = "11010519491231002X"
PHONE = "13800138000"


def valid_other_id():
    from stdnum.cn import ric
    body = "44030519900101123"
    for last in "0123456789X":
        if ric.is_valid(body + last):
            return body + last
    raise AssertionError


@pytest.fixture
def index():
    return CustomerIndex([
        {"customer_id": "H1", "name": "王伟", "id_hash": identity_hash(KEY, ID_A), "phone": "+86 138-0013-8000"},
        {"customer_id": "H2", "name": "李娜", "phone_hash": phone_hash(KEY, "13900139000")},
        {"customer_id": "H3", "name": "张伟", "phone_tail": "5678"},
        {"customer_id": "H4", "name": "陈静"},
    ], KEY)


def customer(name, **fields):
    return SourceCustomer(id="c1", name=name, **fields)


def test_same_id_number_links(index):
    d = index.link(customer("王伟", id_number=ID_A.lower()))
    assert (d.decision, d.customer, d.reasons) == ("linked", "H1", ["id_number"])


def test_same_id_number_other_name_is_review(index):
    d = index.link(customer("王小伟", id_number=ID_A))
    assert d.decision == "review" and d.customer is None and d.candidates == ["H1"]


def test_same_phone_and_name_links(index):
    d = index.link(customer("王 伟", phone="+86 138 0013 8000"))
    assert (d.decision, d.customer) == ("linked", "H1")
    assert d.reasons == ["phone", "name"]
    d = index.link(customer("李娜", phone="139-0013-9000"))  # existing record holds only a phone hash
    assert (d.decision, d.customer) == ("linked", "H2")


@pytest.mark.parametrize("written", ["WANG Wei", "Wang Wei", "wangwei", "Wei Wang", "王偉"])
def test_a_name_in_pinyin_or_traditional_characters_is_the_same_name(index, written):
    d = index.link(customer(written, id_number=ID_A))
    assert (d.decision, d.customer) == ("linked", "H1")
    d = index.link(customer(written, phone="13800138000"))
    assert (d.decision, d.customer) == ("linked", "H1")


def test_a_polyphonic_surname_is_read_every_way_and_a_sound_alike_chinese_name_is_another():
    index = CustomerIndex([{"customer_id": "Z1", "name": "曾磊俊", "id_hash": identity_hash(KEY, ID_A)},
                           {"customer_id": "Z2", "name": "张伟", "phone": PHONE}], KEY)
    assert index.link(customer("ZENG Leijun", id_number=ID_A)).customer == "Z1"  # 曾 is ceng and zeng
    assert index.link(customer("章伟", phone=PHONE)).decision == "review"  # zhang wei too, but another name
    assert index.link(customer("Li Wei", phone=PHONE)).decision == "review"  # a housemate


def test_same_phone_other_name_is_review(index):
    d = index.link(customer("赵六", phone="13800138000"))
    assert d.decision == "review" and d.candidates == ["H1"]


def test_same_name_alone_is_never_enough(index):
    d = index.link(customer("陈静"))
    assert d.decision == "created" and d.customer is None
    assert d.reasons == ["same name only: not enough to link"]
    d = index.link(customer("王伟", phone="13700000000"))
    assert d.decision == "created"


def test_same_name_with_partly_agreeing_phone_is_review(index):
    d = index.link(customer("张伟", phone="13600005678"))
    assert d.decision == "review" and d.candidates == ["H3"]


def test_different_id_numbers_never_link_even_with_phone_and_name(index):
    d = index.link(customer("王伟", phone=PHONE, id_number=valid_other_id()))
    assert d.decision == "review"
    assert "id_number differs" in d.reasons


def test_invalid_id_number_is_not_used(index):
    d = index.link(customer("王伟", id_number="110105194912310021", phone=PHONE))
    assert d.decision == "linked" and "id_number invalid, not used" in d.reasons


def test_nothing_in_common_is_created(index):
    assert index.link(customer("孙七", phone="13500000000")).decision == "created"


def test_results_never_carry_raw_personal_data(index):
    decisions = list(link_customers([customer("王伟", id_number=ID_A, phone=PHONE)], index))
    text = repr(decisions) + repr([d.to_dict() for d in decisions])
    assert ID_A not in text and PHONE not in text


def test_hash_is_keyed():
    assert identity_hash(b"k1", ID_A) != identity_hash(b"k2", ID_A)
    assert identity_hash(b"k1", ID_A) == identity_hash(b"k1", ID_A.lower())
    assert identity_hash(b"k1", "123") is None


def test_link_customers_needs_a_key():
    with pytest.raises(ValueError):
        list(link_customers([customer("王伟")], []))
