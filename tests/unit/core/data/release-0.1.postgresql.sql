--
-- PostgreSQL database dump
--

\restrict eoPzh89hOeLLzyHh14GZ5GuzZexbHqnn8hPB3sqbIe8dWWHFs4zBhoZmP9EK4rN

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: actionitem; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.actionitem (
    activity character varying NOT NULL,
    objective character varying NOT NULL,
    target_group character varying NOT NULL,
    lead_organisation character varying NOT NULL,
    partners character varying NOT NULL,
    budget_baht integer NOT NULL,
    fund_source character varying(32) NOT NULL,
    start_date date,
    end_date date,
    indicator character varying NOT NULL,
    expected_result character varying NOT NULL,
    id integer NOT NULL,
    forum_id integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: actionitem_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.actionitem_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: actionitem_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.actionitem_id_seq OWNED BY public.actionitem.id;


--
-- Name: actionitemcontribution; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.actionitemcontribution (
    action_item_id integer NOT NULL,
    contribution_id integer NOT NULL
);


--
-- Name: commitment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.commitment (
    organisation character varying NOT NULL,
    text character varying NOT NULL,
    id integer NOT NULL,
    forum_id integer NOT NULL,
    action_item_id integer NOT NULL,
    participant_id integer,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: commitment_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.commitment_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: commitment_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.commitment_id_seq OWNED BY public.commitment.id;


--
-- Name: contribution; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.contribution (
    kind character varying(32) NOT NULL,
    text character varying NOT NULL,
    id integer NOT NULL,
    forum_id integer NOT NULL,
    participant_id integer,
    status character varying(32) NOT NULL,
    theme_id integer,
    category character varying,
    merged_into_id integer,
    in_tree boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: contribution_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.contribution_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: contribution_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.contribution_id_seq OWNED BY public.contribution.id;


--
-- Name: forum; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.forum (
    title character varying NOT NULL,
    province_code character varying NOT NULL,
    district_code character varying NOT NULL,
    tambon_code character varying NOT NULL,
    forum_date date NOT NULL,
    venue character varying NOT NULL,
    language character varying(32) NOT NULL,
    id integer NOT NULL,
    code character varying(12) NOT NULL,
    facilitator_token_hash character varying(64) NOT NULL,
    stage character varying(32) NOT NULL,
    revision integer NOT NULL,
    area_name_th character varying NOT NULL,
    area_name_en character varying NOT NULL,
    tree_labels json NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: forum_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.forum_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: forum_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.forum_id_seq OWNED BY public.forum.id;


--
-- Name: participant; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.participant (
    display_name character varying NOT NULL,
    organisation character varying NOT NULL,
    sector character varying(32) NOT NULL,
    id integer NOT NULL,
    forum_id integer NOT NULL,
    token_hash character varying(64) NOT NULL,
    consented_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: participant_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.participant_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: participant_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.participant_id_seq OWNED BY public.participant.id;


--
-- Name: treetie; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.treetie (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    root_id integer,
    fund_id integer,
    benefit_id integer,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT ck_treetie_two_parts CHECK ((((((root_id IS NOT NULL))::integer + ((fund_id IS NOT NULL))::integer) + ((benefit_id IS NOT NULL))::integer) >= 2))
);


--
-- Name: treetie_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.treetie_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: treetie_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.treetie_id_seq OWNED BY public.treetie.id;


--
-- Name: actionitem id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.actionitem ALTER COLUMN id SET DEFAULT nextval('public.actionitem_id_seq'::regclass);


--
-- Name: commitment id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.commitment ALTER COLUMN id SET DEFAULT nextval('public.commitment_id_seq'::regclass);


--
-- Name: contribution id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contribution ALTER COLUMN id SET DEFAULT nextval('public.contribution_id_seq'::regclass);


--
-- Name: forum id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.forum ALTER COLUMN id SET DEFAULT nextval('public.forum_id_seq'::regclass);


--
-- Name: participant id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.participant ALTER COLUMN id SET DEFAULT nextval('public.participant_id_seq'::regclass);


--
-- Name: treetie id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.treetie ALTER COLUMN id SET DEFAULT nextval('public.treetie_id_seq'::regclass);


--
-- Data for Name: actionitem; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.actionitem (activity, objective, target_group, lead_organisation, partners, budget_baht, fund_source, start_date, end_date, indicator, expected_result, id, forum_id, created_at, updated_at) VALUES ('โครงการรถรับส่งผู้ป่วยไปตามนัดแพทย์ตำบลศิลา', 'ให้ผู้ป่วยติดเตียงและผู้สูงอายุได้ไปพบแพทย์ตามนัดโดยไม่ต้องเสียค่าเหมารถ', 'ผู้ป่วยติดบ้านติดเตียงและผู้สูงอายุที่มีนัดแพทย์ 60 คน', 'เทศบาลเมืองศิลา', 'รพ.สต.ศิลา, อผส.ตำบลศิลา, กองทุนสวัสดิการชุมชนตำบลศิลา', 60000, 'tao', '2027-04-01', '2027-09-30', 'ผู้ป่วยที่มีนัดได้ไปพบแพทย์ตามนัดไม่น้อยกว่าร้อยละ 90', 'ผู้ป่วยได้รับการรักษาต่อเนื่อง ครอบครัวลดค่าใช้จ่ายเดินทาง', 1, 1, '2026-11-25 08:30:45.438832+00', '2026-11-25 08:30:45.438843+00');
INSERT INTO public.actionitem (activity, objective, target_group, lead_organisation, partners, budget_baht, fund_source, start_date, end_date, indicator, expected_result, id, forum_id, created_at, updated_at) VALUES ('ดูแลผู้สูงอายุติดบ้านติดเตียงที่บ้านและตั้งธนาคารกายอุปกรณ์ชุมชน', 'ให้ผู้สูงอายุติดบ้านติดเตียงได้รับการเยี่ยมอย่างทั่วถึงและมีอุปกรณ์ใช้ โดยหน่วยงานลงพื้นที่ตามปฏิทินร่วม', 'ผู้สูงอายุติดบ้านติดเตียง 45 คน', 'ศูนย์พัฒนาการจัดสวัสดิการสังคมผู้สูงอายุจังหวัดขอนแก่น', 'รพ.สต.ศิลา, อผส.ตำบลศิลา, ชมรมผู้สูงอายุตำบลศิลา, เทศบาลเมืองศิลา', 85000, 'swpf', '2027-05-01', '2027-12-31', 'ผู้สูงอายุติดบ้านติดเตียงทุกรายได้รับการเยี่ยมอย่างน้อยสัปดาห์ละ 1 ครั้ง', 'ผู้สูงอายุได้รับการดูแลต่อเนื่อง ไม่มีการเยี่ยมซ้ำซ้อนระหว่างหน่วยงาน', 2, 1, '2026-11-25 08:30:45.442674+00', '2026-11-25 08:30:45.442683+00');
INSERT INTO public.actionitem (activity, objective, target_group, lead_organisation, partners, budget_baht, fund_source, start_date, end_date, indicator, expected_result, id, forum_id, created_at, updated_at) VALUES ('ปรับสภาพที่อยู่อาศัยคนพิการและผู้สูงอายุให้ปลอดภัย', 'ลดการพลัดตกหกล้มในบ้าน ด้วยราวจับ ทางลาด และห้องน้ำแบบนั่ง', 'ครัวเรือนคนพิการและผู้สูงอายุ 6 หลังคาเรือน', 'ชมรมคนพิการตำบลศิลา', 'พอช., พมจ.ขอนแก่น, เทศบาลเมืองศิลา, ร้านศิลาวัสดุก่อสร้าง', 120000, 'codi', '2027-06-01', '2027-11-30', 'บ้านที่ปรับปรุงแล้วเสร็จ 6 หลัง และไม่มีรายงานการหกล้มในบ้านหลังปรับปรุง', 'คนพิการและผู้สูงอายุใช้ชีวิตในบ้านได้สะดวกและปลอดภัยขึ้น', 3, 1, '2026-11-25 08:30:45.445899+00', '2026-11-25 08:30:45.445909+00');
INSERT INTO public.actionitem (activity, objective, target_group, lead_organisation, partners, budget_baht, fund_source, start_date, end_date, indicator, expected_result, id, forum_id, created_at, updated_at) VALUES ('ปรับระเบียบและขยายสมาชิกกองทุนสวัสดิการชุมชนตำบลศิลา', 'เพิ่มสมาชิกและปรับสวัสดิการให้ตรงความต้องการ เช่น ค่าเฝ้าไข้และทุนการศึกษา', 'สมาชิกใหม่ 300 คน และเด็กนักเรียนรับทุน 60 คน', 'คณะกรรมการกองทุนสวัสดิการชุมชนตำบลศิลา', 'เทศบาลเมืองศิลา, พอช., พมจ.ขอนแก่น, อพม.ตำบลศิลา', 40000, 'own_fund', '2027-03-15', '2027-08-31', 'สมาชิกเพิ่มขึ้นไม่น้อยกว่า 300 คน และที่ประชุมใหญ่รับรองระเบียบใหม่', 'กองทุนมีเงินออมเพิ่ม จ่ายสวัสดิการได้ครอบคลุมขึ้น', 4, 1, '2026-11-25 08:30:45.448327+00', '2026-11-25 08:30:45.448336+00');
INSERT INTO public.actionitem (activity, objective, target_group, lead_organisation, partners, budget_baht, fund_source, start_date, end_date, indicator, expected_result, id, forum_id, created_at, updated_at) VALUES ('ฝึกอาชีพและตลาดนัดชุมชนสำหรับผู้สูงอายุและคนพิการ', 'สร้างรายได้เสริม ลดการพึ่งหนี้นอกระบบ', 'ผู้สูงอายุและคนพิการที่ยังทำงานได้ 40 คน', 'มูลนิธิพัฒนาคุณภาพชีวิตผู้สูงอายุอีสาน', 'คณะมนุษยศาสตร์และสังคมศาสตร์ มข., วัดโนนศิลาราม, กองทุนหมู่บ้านหมู่ 5, เทศบาลเมืองศิลา', 45000, 'tao', '2027-04-15', '2027-09-30', 'ผู้เข้าอบรมมีรายได้เสริมเฉลี่ยไม่น้อยกว่าเดือนละ 1,000 บาท', 'ผู้สูงอายุและคนพิการมีอาชีพ มีรายได้ และมีตลาดนัดหน้าวัดทุกวันพระ', 5, 1, '2026-11-25 08:30:45.45181+00', '2026-11-25 08:30:45.45182+00');
INSERT INTO public.actionitem (activity, objective, target_group, lead_organisation, partners, budget_baht, fund_source, start_date, end_date, indicator, expected_result, id, forum_id, created_at, updated_at) VALUES ('โครงการรถรับส่งผู้ป่วยไปตามนัดแพทย์ตำบลศิลา', 'ให้ผู้ป่วยติดเตียงและผู้สูงอายุได้ไปพบแพทย์ตามนัดโดยไม่ต้องเสียค่าเหมารถ', 'ผู้ป่วยติดบ้านติดเตียงและผู้สูงอายุที่มีนัดแพทย์ 60 คน', 'เทศบาลเมืองศิลา', 'รพ.สต.ศิลา, อผส.ตำบลศิลา, กองทุนสวัสดิการชุมชนตำบลศิลา', 60000, 'tao', '2027-04-01', '2027-09-30', 'ผู้ป่วยที่มีนัดได้ไปพบแพทย์ตามนัดไม่น้อยกว่าร้อยละ 90', 'ผู้ป่วยได้รับการรักษาต่อเนื่อง ครอบครัวลดค่าใช้จ่ายเดินทาง', 6, 2, '2026-11-25 08:30:45.611501+00', '2026-11-25 08:30:45.611511+00');
INSERT INTO public.actionitem (activity, objective, target_group, lead_organisation, partners, budget_baht, fund_source, start_date, end_date, indicator, expected_result, id, forum_id, created_at, updated_at) VALUES ('ดูแลผู้สูงอายุติดบ้านติดเตียงที่บ้านและตั้งธนาคารกายอุปกรณ์ชุมชน', 'ให้ผู้สูงอายุติดบ้านติดเตียงได้รับการเยี่ยมอย่างทั่วถึงและมีอุปกรณ์ใช้ โดยหน่วยงานลงพื้นที่ตามปฏิทินร่วม', 'ผู้สูงอายุติดบ้านติดเตียง 45 คน', 'ศูนย์พัฒนาการจัดสวัสดิการสังคมผู้สูงอายุจังหวัดขอนแก่น', 'รพ.สต.ศิลา, อผส.ตำบลศิลา, ชมรมผู้สูงอายุตำบลศิลา, เทศบาลเมืองศิลา', 85000, 'swpf', '2027-05-01', '2027-12-31', 'ผู้สูงอายุติดบ้านติดเตียงทุกรายได้รับการเยี่ยมอย่างน้อยสัปดาห์ละ 1 ครั้ง', 'ผู้สูงอายุได้รับการดูแลต่อเนื่อง ไม่มีการเยี่ยมซ้ำซ้อนระหว่างหน่วยงาน', 7, 2, '2026-11-25 08:30:45.613523+00', '2026-11-25 08:30:45.613533+00');
INSERT INTO public.actionitem (activity, objective, target_group, lead_organisation, partners, budget_baht, fund_source, start_date, end_date, indicator, expected_result, id, forum_id, created_at, updated_at) VALUES ('ปรับสภาพที่อยู่อาศัยคนพิการและผู้สูงอายุให้ปลอดภัย', 'ลดการพลัดตกหกล้มในบ้าน ด้วยราวจับ ทางลาด และห้องน้ำแบบนั่ง', 'ครัวเรือนคนพิการและผู้สูงอายุ 6 หลังคาเรือน', 'ชมรมคนพิการตำบลศิลา', 'พอช., พมจ.ขอนแก่น, เทศบาลเมืองศิลา, ร้านศิลาวัสดุก่อสร้าง', 120000, 'codi', '2027-06-01', '2027-11-30', 'บ้านที่ปรับปรุงแล้วเสร็จ 6 หลัง และไม่มีรายงานการหกล้มในบ้านหลังปรับปรุง', 'คนพิการและผู้สูงอายุใช้ชีวิตในบ้านได้สะดวกและปลอดภัยขึ้น', 8, 2, '2026-11-25 08:30:45.616341+00', '2026-11-25 08:30:45.616353+00');
INSERT INTO public.actionitem (activity, objective, target_group, lead_organisation, partners, budget_baht, fund_source, start_date, end_date, indicator, expected_result, id, forum_id, created_at, updated_at) VALUES ('ปรับระเบียบและขยายสมาชิกกองทุนสวัสดิการชุมชนตำบลศิลา', 'เพิ่มสมาชิกและปรับสวัสดิการให้ตรงความต้องการ เช่น ค่าเฝ้าไข้และทุนการศึกษา', 'สมาชิกใหม่ 300 คน และเด็กนักเรียนรับทุน 60 คน', 'คณะกรรมการกองทุนสวัสดิการชุมชนตำบลศิลา', 'เทศบาลเมืองศิลา, พอช., พมจ.ขอนแก่น, อพม.ตำบลศิลา', 40000, 'own_fund', '2027-03-15', '2027-08-31', 'สมาชิกเพิ่มขึ้นไม่น้อยกว่า 300 คน และที่ประชุมใหญ่รับรองระเบียบใหม่', 'กองทุนมีเงินออมเพิ่ม จ่ายสวัสดิการได้ครอบคลุมขึ้น', 9, 2, '2026-11-25 08:30:45.618656+00', '2026-11-25 08:30:45.618665+00');
INSERT INTO public.actionitem (activity, objective, target_group, lead_organisation, partners, budget_baht, fund_source, start_date, end_date, indicator, expected_result, id, forum_id, created_at, updated_at) VALUES ('ฝึกอาชีพและตลาดนัดชุมชนสำหรับผู้สูงอายุและคนพิการ', 'สร้างรายได้เสริม ลดการพึ่งหนี้นอกระบบ', 'ผู้สูงอายุและคนพิการที่ยังทำงานได้ 40 คน', 'มูลนิธิพัฒนาคุณภาพชีวิตผู้สูงอายุอีสาน', 'คณะมนุษยศาสตร์และสังคมศาสตร์ มข., วัดโนนศิลาราม, กองทุนหมู่บ้านหมู่ 5, เทศบาลเมืองศิลา', 45000, 'tao', '2027-04-15', '2027-09-30', 'ผู้เข้าอบรมมีรายได้เสริมเฉลี่ยไม่น้อยกว่าเดือนละ 1,000 บาท', 'ผู้สูงอายุและคนพิการมีอาชีพ มีรายได้ และมีตลาดนัดหน้าวัดทุกวันพระ', 10, 2, '2026-11-25 08:30:45.62097+00', '2026-11-25 08:30:45.620981+00');


--
-- Data for Name: actionitemcontribution; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (1, 3);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (1, 13);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (1, 27);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (2, 5);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (2, 23);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (2, 24);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (2, 30);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (3, 4);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (3, 15);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (3, 17);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (3, 25);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (4, 10);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (4, 11);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (4, 19);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (4, 20);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (5, 2);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (5, 7);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (5, 14);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (5, 26);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (6, 39);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (6, 49);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (6, 63);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (7, 41);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (7, 59);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (7, 60);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (7, 66);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (8, 40);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (8, 51);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (8, 53);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (8, 61);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (9, 46);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (9, 47);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (9, 55);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (9, 56);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (10, 38);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (10, 43);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (10, 50);
INSERT INTO public.actionitemcontribution (action_item_id, contribution_id) VALUES (10, 62);


--
-- Data for Name: commitment; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.commitment (organisation, text, id, forum_id, action_item_id, participant_id, created_at, updated_at) VALUES ('เทศบาลเมืองศิลา (นายก อบต.)', 'เทศบาลเมืองศิลาจะจัดรถตู้เพิ่มอีก 1 คันพร้อมคนขับ รับส่งผู้ป่วยไปตามนัดสัปดาห์ละ 2 วัน', 1, 1, 1, 5, '2026-11-25 08:30:45.454057+00', '2026-11-25 08:30:45.454066+00');
INSERT INTO public.commitment (organisation, text, id, forum_id, action_item_id, participant_id, created_at, updated_at) VALUES ('โรงพยาบาลส่งเสริมสุขภาพตำบลศิลา (รพ.สต.)', 'รพ.สต.ศิลาจะส่งรายชื่อผู้ป่วยที่มีนัดให้ อบต. ทุกสิ้นเดือน เพื่อจัดรอบรถล่วงหน้า', 2, 1, 1, 4, '2026-11-25 08:30:45.457837+00', '2026-11-25 08:30:45.457846+00');
INSERT INTO public.commitment (organisation, text, id, forum_id, action_item_id, participant_id, created_at, updated_at) VALUES ('ศูนย์พัฒนาการจัดสวัสดิการสังคมผู้สูงอายุจังหวัดขอนแก่น', 'ศูนย์ฯ จะให้ยืมกายอุปกรณ์ 15 ชุด และจัดอบรม อผส. รุ่นใหม่ 20 คน', 3, 1, 2, 2, '2026-11-25 08:30:45.459806+00', '2026-11-25 08:30:45.459816+00');
INSERT INTO public.commitment (organisation, text, id, forum_id, action_item_id, participant_id, created_at, updated_at) VALUES ('อาสาสมัครดูแลผู้สูงอายุที่บ้าน (อผส.) ตำบลศิลา', 'อผส.จะแบ่งโซนเยี่ยมบ้านใหม่ ให้ผู้ป่วยติดเตียงทุกหลังมีคนไปเยี่ยมอย่างน้อยสัปดาห์ละครั้ง', 4, 1, 2, 10, '2026-11-25 08:30:45.461799+00', '2026-11-25 08:30:45.461809+00');
INSERT INTO public.commitment (organisation, text, id, forum_id, action_item_id, participant_id, created_at, updated_at) VALUES ('ร้านศิลาวัสดุก่อสร้าง', 'ร้านศิลาวัสดุก่อสร้างจะสนับสนุนวัสดุมูลค่า 20,000 บาท และส่งช่างอาสา 2 คน', 5, 1, 3, 17, '2026-11-25 08:30:45.463644+00', '2026-11-25 08:30:45.463654+00');
INSERT INTO public.commitment (organisation, text, id, forum_id, action_item_id, participant_id, created_at, updated_at) VALUES ('คณะกรรมการกองทุนสวัสดิการชุมชนตำบลศิลา (ประธาน)', 'กองทุนฯ จะเสนอที่ประชุมใหญ่เพิ่มค่าเฝ้าไข้คืนละ 100 บาท และเพิ่มทุนการศึกษาเป็น 60 ทุน', 6, 1, 4, 7, '2026-11-25 08:30:45.465508+00', '2026-11-25 08:30:45.465518+00');
INSERT INTO public.commitment (organisation, text, id, forum_id, action_item_id, participant_id, created_at, updated_at) VALUES ('คณะมนุษยศาสตร์และสังคมศาสตร์ มหาวิทยาลัยขอนแก่น', 'คณะมนุษยศาสตร์ฯ มข. จะส่งนักศึกษาช่วยทำฐานข้อมูลกลางและปฏิทินลงพื้นที่ร่วม', 7, 1, 2, 15, '2026-11-25 08:30:45.467519+00', '2026-11-25 08:30:45.467529+00');
INSERT INTO public.commitment (organisation, text, id, forum_id, action_item_id, participant_id, created_at, updated_at) VALUES ('มูลนิธิพัฒนาคุณภาพชีวิตผู้สูงอายุอีสาน', 'มูลนิธิจะจัดวิทยากรสอนทอผ้าและจักสาน 3 รุ่น และช่วยหาตลาดออนไลน์ให้', 8, 1, 5, 14, '2026-11-25 08:30:45.46935+00', '2026-11-25 08:30:45.469361+00');
INSERT INTO public.commitment (organisation, text, id, forum_id, action_item_id, participant_id, created_at, updated_at) VALUES ('เทศบาลเมืองศิลา (นายก อบต.)', 'เทศบาลเมืองศิลาจะจัดรถตู้เพิ่มอีก 1 คันพร้อมคนขับ รับส่งผู้ป่วยไปตามนัดสัปดาห์ละ 2 วัน', 9, 2, 6, 23, '2026-11-25 08:30:45.623324+00', '2026-11-25 08:30:45.623333+00');
INSERT INTO public.commitment (organisation, text, id, forum_id, action_item_id, participant_id, created_at, updated_at) VALUES ('โรงพยาบาลส่งเสริมสุขภาพตำบลศิลา (รพ.สต.)', 'รพ.สต.ศิลาจะส่งรายชื่อผู้ป่วยที่มีนัดให้ อบต. ทุกสิ้นเดือน เพื่อจัดรอบรถล่วงหน้า', 10, 2, 6, 22, '2026-11-25 08:30:45.625542+00', '2026-11-25 08:30:45.625551+00');
INSERT INTO public.commitment (organisation, text, id, forum_id, action_item_id, participant_id, created_at, updated_at) VALUES ('ศูนย์พัฒนาการจัดสวัสดิการสังคมผู้สูงอายุจังหวัดขอนแก่น', 'ศูนย์ฯ จะให้ยืมกายอุปกรณ์ 15 ชุด และจัดอบรม อผส. รุ่นใหม่ 20 คน', 11, 2, 7, 20, '2026-11-25 08:30:45.62731+00', '2026-11-25 08:30:45.62732+00');
INSERT INTO public.commitment (organisation, text, id, forum_id, action_item_id, participant_id, created_at, updated_at) VALUES ('อาสาสมัครดูแลผู้สูงอายุที่บ้าน (อผส.) ตำบลศิลา', 'อผส.จะแบ่งโซนเยี่ยมบ้านใหม่ ให้ผู้ป่วยติดเตียงทุกหลังมีคนไปเยี่ยมอย่างน้อยสัปดาห์ละครั้ง', 12, 2, 7, 28, '2026-11-25 08:30:45.629056+00', '2026-11-25 08:30:45.629066+00');
INSERT INTO public.commitment (organisation, text, id, forum_id, action_item_id, participant_id, created_at, updated_at) VALUES ('ร้านศิลาวัสดุก่อสร้าง', 'ร้านศิลาวัสดุก่อสร้างจะสนับสนุนวัสดุมูลค่า 20,000 บาท และส่งช่างอาสา 2 คน', 13, 2, 8, 35, '2026-11-25 08:30:45.630835+00', '2026-11-25 08:30:45.630845+00');
INSERT INTO public.commitment (organisation, text, id, forum_id, action_item_id, participant_id, created_at, updated_at) VALUES ('คณะกรรมการกองทุนสวัสดิการชุมชนตำบลศิลา (ประธาน)', 'กองทุนฯ จะเสนอที่ประชุมใหญ่เพิ่มค่าเฝ้าไข้คืนละ 100 บาท และเพิ่มทุนการศึกษาเป็น 60 ทุน', 14, 2, 9, 25, '2026-11-25 08:30:45.632666+00', '2026-11-25 08:30:45.632677+00');
INSERT INTO public.commitment (organisation, text, id, forum_id, action_item_id, participant_id, created_at, updated_at) VALUES ('คณะมนุษยศาสตร์และสังคมศาสตร์ มหาวิทยาลัยขอนแก่น', 'คณะมนุษยศาสตร์ฯ มข. จะส่งนักศึกษาช่วยทำฐานข้อมูลกลางและปฏิทินลงพื้นที่ร่วม', 15, 2, 7, 33, '2026-11-25 08:30:45.63455+00', '2026-11-25 08:30:45.634561+00');
INSERT INTO public.commitment (organisation, text, id, forum_id, action_item_id, participant_id, created_at, updated_at) VALUES ('มูลนิธิพัฒนาคุณภาพชีวิตผู้สูงอายุอีสาน', 'มูลนิธิจะจัดวิทยากรสอนทอผ้าและจักสาน 3 รุ่น และช่วยหาตลาดออนไลน์ให้', 16, 2, 10, 32, '2026-11-25 08:30:45.636203+00', '2026-11-25 08:30:45.636218+00');


--
-- Data for Name: contribution; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('root_cause', 'ลูกหลานไปทำงานกรุงเทพฯ ชลบุรีกันหมด เหลือแต่ผู้สูงอายุเลี้ยงหลาน บางหลังอยู่คนเดียวไม่มีใครดูแล', 1, 1, 10, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.393759+00', '2026-11-25 08:30:45.393768+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('root_cause', 'หลายครอบครัวติดหนี้นอกระบบ ดอกร้อยละ 20 ต่อเดือน ขายอ้อยได้เงินมาก็ไม่พอจ่ายดอก', 2, 1, 11, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.397343+00', '2026-11-25 08:30:45.397353+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('root_cause', 'คนไข้ติดเตียงไปตามนัดที่ รพ.ศูนย์ขอนแก่นไม่ได้ ไม่มีรถ ต้องเหมารถไปกลับ 500-600 บาท บางคนเลยไม่ไปหาหมอ', 3, 1, 4, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.398856+00', '2026-11-25 08:30:45.398866+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('root_cause', 'บ้านคนพิการส่วนมากไม่มีราวจับ ไม่มีทางลาด ห้องน้ำเป็นส้วมนั่งยอง ล้มกันบ่อยมาก', 4, 1, 13, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.400333+00', '2026-11-25 08:30:45.400343+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('root_cause', 'ผู้ป่วยติดบ้านติดเตียงเพิ่มทุกปี ตอนนี้ทั้งตำบลมี 45 คน แต่ อผส. มีแค่ 20 คน ดูแลไม่ทั่วถึง', 5, 1, 4, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.401781+00', '2026-11-25 08:30:45.401791+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('root_cause', 'เด็กที่อยู่กับตายายบางคนเลิกเรียนกลางคัน เพราะไม่มีค่ารถไปโรงเรียนในเมือง', 6, 1, 9, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.403193+00', '2026-11-25 08:30:45.403203+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('root_cause', 'ผู้สูงอายุยังอยากทำงาน แต่ไม่มีอาชีพเสริม รายได้มีแค่เบี้ยยังชีพเดือนละ 600-700 บาท', 7, 1, 12, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.404802+00', '2026-11-25 08:30:45.404811+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('root_cause', 'ข้อมูลผู้สูงอายุกับคนพิการของแต่ละหน่วยงานไม่ตรงกัน บางบ้านมีคนไปเยี่ยมซ้ำ บางบ้านไม่มีใครไปเลย', 8, 1, 1, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.406258+00', '2026-11-25 08:30:45.406267+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('root_cause', 'ตำบลเราใกล้ มข. มีหอพักเยอะ คนต่างถิ่นย้ายเข้ามามาก คนเก่าคนใหม่ไม่ค่อยรู้จักกัน เวลาเดือดร้อนเลยไม่รู้จะพึ่งใคร', 9, 1, 11, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.407597+00', '2026-11-25 08:30:45.407607+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('fund', 'กองทุนสวัสดิการชุมชนตำบลศิลาตั้งมาตั้งแต่ปี 2551 ตอนนี้มีสมาชิก 1,284 คน ออมสัจจะวันละบาท เงินกองทุนรวมราว 2.6 ล้านบาท', 10, 1, 8, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.408931+00', '2026-11-25 08:30:45.40894+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('fund', 'ปีที่แล้ว อบต. สมทบให้กองทุน 50,000 บาท ยังน้อยเมื่อเทียบกับยอดจ่ายสวัสดิการปีละเกือบ 4 แสน', 11, 1, 7, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.410221+00', '2026-11-25 08:30:45.41023+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('fund', 'กองทุนส่งเสริมการจัดสวัสดิการสังคมจังหวัดจะเปิดรับโครงการรอบใหม่เดือนมีนาคม กองทุนที่ได้รับรองเป็นองค์กรสวัสดิการชุมชนแล้วยื่นขอได้', 12, 1, 1, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.411526+00', '2026-11-25 08:30:45.411536+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('fund', 'ข้อบัญญัติงบประมาณปี 70 ตั้งงบด้านสวัสดิการไว้ 300,000 บาท ถ้ากิจกรรมอยู่ในแผนพัฒนาท้องถิ่นก็ปรับใช้ได้', 13, 1, 5, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.412765+00', '2026-11-25 08:30:45.412776+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('fund', 'กองทุนหมู่บ้านหมู่ 5 มีเงินหมุนเวียน 1.3 ล้าน ให้สมาชิกกู้ไปทำอาชีพ ดอกเบี้ยร้อยละ 6 ต่อปี', 14, 1, 11, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.414027+00', '2026-11-25 08:30:45.414037+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('fund', 'พอช. มีงบหนุนตำบลที่ทำแผนสวัสดิการร่วมกัน และมีงบบ้านมั่นคงชนบทช่วยซ่อมบ้านผู้ยากไร้ด้วย', 15, 1, 3, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.415288+00', '2026-11-25 08:30:45.415298+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('fund', 'ที่วัดมีกลุ่มฌาปนกิจสงเคราะห์ของหมู่บ้าน สมาชิก 600 กว่าครัวเรือน เก็บศพละ 20 บาทต่อครัวเรือน', 16, 1, 16, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.416542+00', '2026-11-25 08:30:45.416551+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('fund', 'ร้านพร้อมสมทบค่าวัสดุซ่อมบ้านคนพิการปีละ 20,000 บาท จะชวนร้านอื่นในตำบลมาช่วยด้วย', 17, 1, 17, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.417833+00', '2026-11-25 08:30:45.417843+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'สมาชิกคลอดลูก กองทุนให้ค่ารับขวัญเด็ก 1,000 บาท แม่ต้องเป็นสมาชิกครบ 180 วันก่อน', 18, 1, 7, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.419077+00', '2026-11-25 08:30:45.419086+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'สมาชิกเสียชีวิต เป็นสมาชิก 1 ปีได้ 3,000 บาท ครบ 10 ปีได้ 15,000 บาท สูงสุด 30,000 บาท', 21, 1, 7, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.422872+00', '2026-11-25 08:30:45.422882+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'สมาชิกอายุ 60 ปีขึ้นไปที่ออมมาครบ 15 ปี ได้บำนาญชุมชนปีละ 1,200 บาท', 22, 1, 12, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.424134+00', '2026-11-25 08:30:45.424144+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'อผส. ไปเยี่ยมผู้สูงอายุติดบ้านติดเตียงอาทิตย์ละครั้ง ช่วยเช็ดตัว วัดความดัน พาทำกายภาพ', 23, 1, 10, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.425389+00', '2026-11-25 08:30:45.425399+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'ศูนย์ฯ มีรถเข็น วอล์กเกอร์ ที่นอนลมให้ยืม ตำบลศิลาขอได้ประมาณ 15 ชุด', 24, 1, 2, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.426646+00', '2026-11-25 08:30:45.426655+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'ปรับสภาพบ้านคนพิการ ทำราวจับ ทางลาด ห้องน้ำแบบนั่ง ตกหลังละประมาณ 20,000 บาท', 25, 1, 1, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.427916+00', '2026-11-25 08:30:45.427925+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'มูลนิธิจัดฝึกอาชีพทอผ้าไหม จักสาน ทำปลาร้าบองให้ผู้สูงอายุและคนพิการได้ พร้อมหาตลาดให้', 26, 1, 14, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.42945+00', '2026-11-25 08:30:45.42946+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'อบต. มีรถรับส่งผู้ป่วยไปตามนัดหมอ แต่มีคันเดียว ต้องโทรจองล่วงหน้า 3 วัน', 27, 1, 6, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.430741+00', '2026-11-25 08:30:45.430751+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'พระในวัดจะไปเยี่ยมให้กำลังใจผู้สูงอายุที่อยู่คนเดียวเดือนละครั้ง', 28, 1, 16, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.432089+00', '2026-11-25 08:30:45.432099+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('other', 'ทีม มข. ช่วยทำฐานข้อมูลกลางรายครัวเรือน ผู้สูงอายุ คนพิการ ให้ทุกหน่วยงานใช้ชุดเดียวกันได้', 29, 1, 15, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.433453+00', '2026-11-25 08:30:45.433463+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('other', 'เดือนก่อนมีสามหน่วยงานลงเยี่ยมบ้านติดเตียงหลังเดียวกันในอาทิตย์เดียว ควรทำปฏิทินลงพื้นที่ร่วมกัน', 30, 1, 2, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.434749+00', '2026-11-25 08:30:45.434759+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('other', 'อยากชวนเยาวชนมาเป็นจิตอาสาเยี่ยมบ้านผู้สูงอายุ ได้ชั่วโมงจิตอาสาไปด้วย', 31, 1, 14, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.436117+00', '2026-11-25 08:30:45.436127+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('other', 'ทำแผนเสร็จแล้วขอให้มีเวทีติดตามทุก 3 เดือน ไม่ใช่ทำแผนแล้วเงียบหายไป', 32, 1, 11, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.437404+00', '2026-11-25 08:30:45.437414+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('other', 'ข้อความที่ถอนแล้ว', 33, 1, 18, 'withdrawn', NULL, NULL, NULL, true, '2026-11-25 08:30:45.475205+00', '2026-11-25 08:30:45.478688+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('other', 'ข้อความที่ถอนแล้ว', 35, 1, 18, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.479925+00', '2026-11-25 08:30:45.479935+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'It''s a benefit; over two lines', 34, 1, 18, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.477076+00', '2026-11-25 08:30:45.481978+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'นอนโรงพยาบาลได้คืนละ 200 บาท ปีละไม่เกิน 10 คืน อยากให้เพิ่มค่าคนเฝ้าไข้ด้วย', 19, 1, 12, 'visible', NULL, NULL, 18, true, '2026-11-25 08:30:45.420349+00', '2026-11-25 08:30:45.52868+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('root_cause', 'ไม่มีโทรศัพท์', 36, 1, NULL, 'visible', NULL, NULL, NULL, false, '2026-11-25 08:30:45.482056+00', '2026-11-25 08:30:45.53091+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'ทุนการศึกษาลูกหลานสมาชิกทุนละ 500 บาท ปีละ 40 ทุน แต่เด็กขอเพิ่มทุกปี ไม่พอ', 20, 1, 9, 'visible', NULL, 'housing', NULL, true, '2026-11-25 08:30:45.421617+00', '2026-11-25 08:30:45.532599+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('root_cause', 'ลูกหลานไปทำงานกรุงเทพฯ ชลบุรีกันหมด เหลือแต่ผู้สูงอายุเลี้ยงหลาน บางหลังอยู่คนเดียวไม่มีใครดูแล', 37, 2, 28, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.566825+00', '2026-11-25 08:30:45.566834+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('root_cause', 'หลายครอบครัวติดหนี้นอกระบบ ดอกร้อยละ 20 ต่อเดือน ขายอ้อยได้เงินมาก็ไม่พอจ่ายดอก', 38, 2, 29, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.568486+00', '2026-11-25 08:30:45.568497+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('root_cause', 'คนไข้ติดเตียงไปตามนัดที่ รพ.ศูนย์ขอนแก่นไม่ได้ ไม่มีรถ ต้องเหมารถไปกลับ 500-600 บาท บางคนเลยไม่ไปหาหมอ', 39, 2, 22, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.569996+00', '2026-11-25 08:30:45.570006+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('root_cause', 'บ้านคนพิการส่วนมากไม่มีราวจับ ไม่มีทางลาด ห้องน้ำเป็นส้วมนั่งยอง ล้มกันบ่อยมาก', 40, 2, 31, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.572918+00', '2026-11-25 08:30:45.572929+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('root_cause', 'ผู้ป่วยติดบ้านติดเตียงเพิ่มทุกปี ตอนนี้ทั้งตำบลมี 45 คน แต่ อผส. มีแค่ 20 คน ดูแลไม่ทั่วถึง', 41, 2, 22, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.57434+00', '2026-11-25 08:30:45.57435+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('root_cause', 'เด็กที่อยู่กับตายายบางคนเลิกเรียนกลางคัน เพราะไม่มีค่ารถไปโรงเรียนในเมือง', 42, 2, 27, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.575743+00', '2026-11-25 08:30:45.575753+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('root_cause', 'ผู้สูงอายุยังอยากทำงาน แต่ไม่มีอาชีพเสริม รายได้มีแค่เบี้ยยังชีพเดือนละ 600-700 บาท', 43, 2, 30, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.57732+00', '2026-11-25 08:30:45.57733+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('root_cause', 'ข้อมูลผู้สูงอายุกับคนพิการของแต่ละหน่วยงานไม่ตรงกัน บางบ้านมีคนไปเยี่ยมซ้ำ บางบ้านไม่มีใครไปเลย', 44, 2, 19, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.578631+00', '2026-11-25 08:30:45.578641+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('root_cause', 'ตำบลเราใกล้ มข. มีหอพักเยอะ คนต่างถิ่นย้ายเข้ามามาก คนเก่าคนใหม่ไม่ค่อยรู้จักกัน เวลาเดือดร้อนเลยไม่รู้จะพึ่งใคร', 45, 2, 29, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.580026+00', '2026-11-25 08:30:45.580036+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('fund', 'กองทุนสวัสดิการชุมชนตำบลศิลาตั้งมาตั้งแต่ปี 2551 ตอนนี้มีสมาชิก 1,284 คน ออมสัจจะวันละบาท เงินกองทุนรวมราว 2.6 ล้านบาท', 46, 2, 26, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.581406+00', '2026-11-25 08:30:45.581416+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('fund', 'ปีที่แล้ว อบต. สมทบให้กองทุน 50,000 บาท ยังน้อยเมื่อเทียบกับยอดจ่ายสวัสดิการปีละเกือบ 4 แสน', 47, 2, 25, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.582732+00', '2026-11-25 08:30:45.582742+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('fund', 'กองทุนส่งเสริมการจัดสวัสดิการสังคมจังหวัดจะเปิดรับโครงการรอบใหม่เดือนมีนาคม กองทุนที่ได้รับรองเป็นองค์กรสวัสดิการชุมชนแล้วยื่นขอได้', 48, 2, 19, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.58406+00', '2026-11-25 08:30:45.584071+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('fund', 'ข้อบัญญัติงบประมาณปี 70 ตั้งงบด้านสวัสดิการไว้ 300,000 บาท ถ้ากิจกรรมอยู่ในแผนพัฒนาท้องถิ่นก็ปรับใช้ได้', 49, 2, 23, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.58537+00', '2026-11-25 08:30:45.585381+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('fund', 'กองทุนหมู่บ้านหมู่ 5 มีเงินหมุนเวียน 1.3 ล้าน ให้สมาชิกกู้ไปทำอาชีพ ดอกเบี้ยร้อยละ 6 ต่อปี', 50, 2, 29, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.586688+00', '2026-11-25 08:30:45.586698+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('fund', 'พอช. มีงบหนุนตำบลที่ทำแผนสวัสดิการร่วมกัน และมีงบบ้านมั่นคงชนบทช่วยซ่อมบ้านผู้ยากไร้ด้วย', 51, 2, 21, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.58794+00', '2026-11-25 08:30:45.58795+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('fund', 'ที่วัดมีกลุ่มฌาปนกิจสงเคราะห์ของหมู่บ้าน สมาชิก 600 กว่าครัวเรือน เก็บศพละ 20 บาทต่อครัวเรือน', 52, 2, 34, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.589203+00', '2026-11-25 08:30:45.589238+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('fund', 'ร้านพร้อมสมทบค่าวัสดุซ่อมบ้านคนพิการปีละ 20,000 บาท จะชวนร้านอื่นในตำบลมาช่วยด้วย', 53, 2, 35, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.590498+00', '2026-11-25 08:30:45.590508+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'สมาชิกคลอดลูก กองทุนให้ค่ารับขวัญเด็ก 1,000 บาท แม่ต้องเป็นสมาชิกครบ 180 วันก่อน', 54, 2, 25, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.591747+00', '2026-11-25 08:30:45.591757+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'นอนโรงพยาบาลได้คืนละ 200 บาท ปีละไม่เกิน 10 คืน อยากให้เพิ่มค่าคนเฝ้าไข้ด้วย', 55, 2, 30, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.593045+00', '2026-11-25 08:30:45.593055+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'ทุนการศึกษาลูกหลานสมาชิกทุนละ 500 บาท ปีละ 40 ทุน แต่เด็กขอเพิ่มทุกปี ไม่พอ', 56, 2, 27, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.594395+00', '2026-11-25 08:30:45.594405+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'สมาชิกเสียชีวิต เป็นสมาชิก 1 ปีได้ 3,000 บาท ครบ 10 ปีได้ 15,000 บาท สูงสุด 30,000 บาท', 57, 2, 25, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.595582+00', '2026-11-25 08:30:45.595591+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'สมาชิกอายุ 60 ปีขึ้นไปที่ออมมาครบ 15 ปี ได้บำนาญชุมชนปีละ 1,200 บาท', 58, 2, 30, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.596787+00', '2026-11-25 08:30:45.596797+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'อผส. ไปเยี่ยมผู้สูงอายุติดบ้านติดเตียงอาทิตย์ละครั้ง ช่วยเช็ดตัว วัดความดัน พาทำกายภาพ', 59, 2, 28, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.59803+00', '2026-11-25 08:30:45.59804+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'ศูนย์ฯ มีรถเข็น วอล์กเกอร์ ที่นอนลมให้ยืม ตำบลศิลาขอได้ประมาณ 15 ชุด', 60, 2, 20, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.59938+00', '2026-11-25 08:30:45.59939+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'ปรับสภาพบ้านคนพิการ ทำราวจับ ทางลาด ห้องน้ำแบบนั่ง ตกหลังละประมาณ 20,000 บาท', 61, 2, 19, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.600639+00', '2026-11-25 08:30:45.600649+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'มูลนิธิจัดฝึกอาชีพทอผ้าไหม จักสาน ทำปลาร้าบองให้ผู้สูงอายุและคนพิการได้ พร้อมหาตลาดให้', 62, 2, 32, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.601904+00', '2026-11-25 08:30:45.601916+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'อบต. มีรถรับส่งผู้ป่วยไปตามนัดหมอ แต่มีคันเดียว ต้องโทรจองล่วงหน้า 3 วัน', 63, 2, 24, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.603109+00', '2026-11-25 08:30:45.603119+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('benefit', 'พระในวัดจะไปเยี่ยมให้กำลังใจผู้สูงอายุที่อยู่คนเดียวเดือนละครั้ง', 64, 2, 34, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.604275+00', '2026-11-25 08:30:45.604285+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('other', 'ทีม มข. ช่วยทำฐานข้อมูลกลางรายครัวเรือน ผู้สูงอายุ คนพิการ ให้ทุกหน่วยงานใช้ชุดเดียวกันได้', 65, 2, 33, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.606426+00', '2026-11-25 08:30:45.606437+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('other', 'เดือนก่อนมีสามหน่วยงานลงเยี่ยมบ้านติดเตียงหลังเดียวกันในอาทิตย์เดียว ควรทำปฏิทินลงพื้นที่ร่วมกัน', 66, 2, 20, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.607658+00', '2026-11-25 08:30:45.607669+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('other', 'อยากชวนเยาวชนมาเป็นจิตอาสาเยี่ยมบ้านผู้สูงอายุ ได้ชั่วโมงจิตอาสาไปด้วย', 67, 2, 32, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.608908+00', '2026-11-25 08:30:45.608918+00');
INSERT INTO public.contribution (kind, text, id, forum_id, participant_id, status, theme_id, category, merged_into_id, in_tree, created_at, updated_at) VALUES ('other', 'ทำแผนเสร็จแล้วขอให้มีเวทีติดตามทุก 3 เดือน ไม่ใช่ทำแผนแล้วเงียบหายไป', 68, 2, 29, 'visible', NULL, NULL, NULL, true, '2026-11-25 08:30:45.61014+00', '2026-11-25 08:30:45.61015+00');


--
-- Data for Name: forum; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.forum (title, province_code, district_code, tambon_code, forum_date, venue, language, id, code, facilitator_token_hash, stage, revision, area_name_th, area_name_en, tree_labels, created_at, updated_at) VALUES ('เวทีที่ยังไม่เริ่ม', '40', '4001', '400101', '2026-11-25', '', 'th', 3, '2N57KD', '95d8aa7c76d074b0cfc576c17e705438f5941ddb77057ce8cc068f940acebd4b', 'share', 0, 'ตำบลในเมือง อำเภอเมืองขอนแก่น จังหวัดขอนแก่น', 'Nai Mueang, Mueang Khon Kaen, Khon Kaen', '{}', '2026-11-25 08:30:45.638747+00', '2026-11-25 08:30:45.638761+00');
INSERT INTO public.forum (title, province_code, district_code, tambon_code, forum_date, venue, language, id, code, facilitator_token_hash, stage, revision, area_name_th, area_name_en, tree_labels, created_at, updated_at) VALUES ('เวทีสวัสดิการสังคมตำบลศิลา ครั้งที่ 1/2570', '40', '4001', '400114', '2027-02-18', 'หอประชุมเทศบาลเมืองศิลา อำเภอเมืองขอนแก่น จังหวัดขอนแก่น', 'th', 1, 'P2AYCW', '957dc2dea8409cec0b4e8ccacb4a7a46c265862f36d2cdc936076fca0880add5', 'act', 20, 'ตำบลศิลา อำเภอเมืองขอนแก่น จังหวัดขอนแก่น', 'Sila, Mueang Khon Kaen, Khon Kaen', '{"roots": "\u0e17\u0e38\u0e19\u0e0a\u0e38\u0e21\u0e0a\u0e19", "fruits": "\u0e14\u0e2d\u0e01\u0e1c\u0e25"}', '2026-11-25 08:30:45.365029+00', '2026-11-25 08:30:45.542109+00');
INSERT INTO public.forum (title, province_code, district_code, tambon_code, forum_date, venue, language, id, code, facilitator_token_hash, stage, revision, area_name_th, area_name_en, tree_labels, created_at, updated_at) VALUES ('Sila Tambon Social Welfare Forum, session 1/2027', '40', '4001', '400114', '2027-02-18', 'หอประชุมเทศบาลเมืองศิลา อำเภอเมืองขอนแก่น จังหวัดขอนแก่น', 'en', 2, '2ZGZQQ', 'd00339d7c19218deeb673bf8b7ef9a30b3de146515da5ba5c687d90f0004118a', 'closed', 15, 'ตำบลศิลา อำเภอเมืองขอนแก่น จังหวัดขอนแก่น', 'Sila, Mueang Khon Kaen, Khon Kaen', '{}', '2026-11-25 08:30:45.543472+00', '2026-11-25 08:30:45.638476+00');


--
-- Data for Name: participant; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('วิไลวรรณ ศรีสุวรรณ', 'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดขอนแก่น (พมจ.)', 'state', 1, 1, '62b8b0bae4e3e47bc816e38829f9c22691a38d213f40d92fc8c0c4c10742a160', '2026-11-25 08:30:45.370556+00', '2026-11-25 08:30:45.370643+00', '2026-11-25 08:30:45.370653+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('ณัฐพล แก้วมณี', 'ศูนย์พัฒนาการจัดสวัสดิการสังคมผู้สูงอายุจังหวัดขอนแก่น', 'state', 2, 1, '1e217ed27c470ab8a6daa711c3fe22865636c0370f11ee9471fbec6fa57ff22d', '2026-11-25 08:30:45.372836+00', '2026-11-25 08:30:45.372892+00', '2026-11-25 08:30:45.372902+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('สุริยา พลทองมาก', 'สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน) สำนักงานภาคอีสาน (พอช.)', 'state', 3, 1, '1db2a1561293639598552b95bf4f21586736795c7a184670a55f060cf994d982', '2026-11-25 08:30:45.374286+00', '2026-11-25 08:30:45.374334+00', '2026-11-25 08:30:45.374343+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('จิราพร บุญเรือง', 'โรงพยาบาลส่งเสริมสุขภาพตำบลศิลา (รพ.สต.)', 'state', 4, 1, 'a5a375d2dff79aadb26f01079e8b3d420554ce4096a8bcfe3c2592de026b9f2e', '2026-11-25 08:30:45.375681+00', '2026-11-25 08:30:45.375725+00', '2026-11-25 08:30:45.375734+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('ประสิทธิ์ ทองดี', 'เทศบาลเมืองศิลา (นายก อบต.)', 'local_government', 5, 1, 'ff030403272a5cb8d1941d77021b76b47e168193d53c97b74b079be5660b8c18', '2026-11-25 08:30:45.377074+00', '2026-11-25 08:30:45.377125+00', '2026-11-25 08:30:45.377134+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('อรอุมา พิมพ์ศรี', 'กองสวัสดิการสังคม เทศบาลเมืองศิลา', 'local_government', 6, 1, 'b359fc7b98f5415dd86bdfbd15a89911486a362d4c191a6862e0c1cf4e5dae3f', '2026-11-25 08:30:45.378679+00', '2026-11-25 08:30:45.378725+00', '2026-11-25 08:30:45.378733+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('บุญมี ศรีสว่าง', 'คณะกรรมการกองทุนสวัสดิการชุมชนตำบลศิลา (ประธาน)', 'community', 7, 1, '26c986be0ee689ac9ecb0cbdb44bf0a6c2201c8d33f54f8279e178d0aefa7023', '2026-11-25 08:30:45.38014+00', '2026-11-25 08:30:45.380186+00', '2026-11-25 08:30:45.380195+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('คำปุ่น แสนโคตร', 'คณะกรรมการกองทุนสวัสดิการชุมชนตำบลศิลา (เหรัญญิก)', 'community', 8, 1, 'fc4ec9d7a8cd4db5abae9b2893a40bfaf84245eff47cd3a960f82e7f2ce4337d', '2026-11-25 08:30:45.381405+00', '2026-11-25 08:30:45.381451+00', '2026-11-25 08:30:45.38146+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('สมพร ภูมิสุข', 'อาสาสมัครพัฒนาสังคมและความมั่นคงของมนุษย์ (อพม.) ตำบลศิลา', 'community', 9, 1, '36f6b509cbce069156e899e18375be8601093a61cba97a60fa856eb03bc79445', '2026-11-25 08:30:45.382743+00', '2026-11-25 08:30:45.382792+00', '2026-11-25 08:30:45.382801+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('ทองใบ วงศ์ศรีชา', 'อาสาสมัครดูแลผู้สูงอายุที่บ้าน (อผส.) ตำบลศิลา', 'community', 10, 1, '94740e04781bb2a52f258e01b821a95c77cf279aea8d8630f4012d1eec44d2e6', '2026-11-25 08:30:45.383966+00', '2026-11-25 08:30:45.38401+00', '2026-11-25 08:30:45.384018+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('สมชาย นามวงศ์', 'ผู้ใหญ่บ้าน หมู่ที่ 5 ตำบลศิลา', 'community', 11, 1, '793837f13ea2fb0e8070c763550f520cc7883be04e341f6736ba71d4fb0e28a9', '2026-11-25 08:30:45.385461+00', '2026-11-25 08:30:45.385509+00', '2026-11-25 08:30:45.385517+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('หนูเพียร ชัยมงคล', 'ชมรมผู้สูงอายุตำบลศิลา', 'community', 12, 1, '66e637859c9df178cf12c1e433351be4572ae132bd01a5d7af98af9db0731f76', '2026-11-25 08:30:45.386773+00', '2026-11-25 08:30:45.386818+00', '2026-11-25 08:30:45.386826+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('ธีระ อินทร์แก้ว', 'ชมรมคนพิการตำบลศิลา', 'community', 13, 1, 'e897c1509f251742d830fd095026613591acfdbb9508bfe86e7b830229ed3a70', '2026-11-25 08:30:45.388165+00', '2026-11-25 08:30:45.388273+00', '2026-11-25 08:30:45.388284+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('ปิยะนุช จันทร์หอม', 'มูลนิธิพัฒนาคุณภาพชีวิตผู้สูงอายุอีสาน', 'public_benefit', 14, 1, 'aa70e00b5c15519956fd45c33037515955829abe6f319a29c79646a9d1019c1f', '2026-11-25 08:30:45.389736+00', '2026-11-25 08:30:45.389784+00', '2026-11-25 08:30:45.389793+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('ผศ.ดร.กิตติศักดิ์ โพธิ์ศรี', 'คณะมนุษยศาสตร์และสังคมศาสตร์ มหาวิทยาลัยขอนแก่น', 'academic', 15, 1, 'ed6a875c8cc332670c10447b8135f8a14c3a91ecff609b2fb16279b8355314e4', '2026-11-25 08:30:45.390916+00', '2026-11-25 08:30:45.390962+00', '2026-11-25 08:30:45.39097+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('พระอธิการสมบัติ ธมฺมวโร', 'วัดโนนศิลาราม', 'other', 16, 1, 'ec0d3b60c30132b934682d69a2d9c57d2e40c943bd9b496b870e266ac5a34022', '2026-11-25 08:30:45.392043+00', '2026-11-25 08:30:45.392087+00', '2026-11-25 08:30:45.392095+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('วีระพงษ์ แซ่ลิ้ม', 'ร้านศิลาวัสดุก่อสร้าง', 'other', 17, 1, 'fc2955b6d2ab4447b52d1f55f2dfc531dbbeb8f492bb13114759a2ac7607b6f3', '2026-11-25 08:30:45.393201+00', '2026-11-25 08:30:45.393246+00', '2026-11-25 08:30:45.393256+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('Ann O''Neil', '"Hope" foundation', 'academic', 18, 1, '1271b0033c9bbff043ada140b7e319e91d73a92b67ae6d16bf1cdff8fcea1b30', '2026-11-25 08:30:45.473569+00', '2026-11-25 08:30:45.473629+00', '2026-11-25 08:30:45.473638+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('วิไลวรรณ ศรีสุวรรณ', 'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดขอนแก่น (พมจ.)', 'state', 19, 2, 'f15422e34c3ef8f8a256e285857fee24f82ca2a5e9966a8110e3afa72d65b22d', '2026-11-25 08:30:45.545548+00', '2026-11-25 08:30:45.545608+00', '2026-11-25 08:30:45.545618+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('ณัฐพล แก้วมณี', 'ศูนย์พัฒนาการจัดสวัสดิการสังคมผู้สูงอายุจังหวัดขอนแก่น', 'state', 20, 2, '5f232da857409dd502dfc8eab6f6f640862c15775c85f7db41bac7d2022e1534', '2026-11-25 08:30:45.546992+00', '2026-11-25 08:30:45.547041+00', '2026-11-25 08:30:45.54705+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('สุริยา พลทองมาก', 'สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน) สำนักงานภาคอีสาน (พอช.)', 'state', 21, 2, 'd14904fc63e43db5c3d21d24c3f028e7aa05bedab20682d6ea37152469610eb6', '2026-11-25 08:30:45.548352+00', '2026-11-25 08:30:45.548399+00', '2026-11-25 08:30:45.548408+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('จิราพร บุญเรือง', 'โรงพยาบาลส่งเสริมสุขภาพตำบลศิลา (รพ.สต.)', 'state', 22, 2, 'd6ceb8bc654539b9dd1663b266624169854184d3ec6acbee64dc022b6a4f7223', '2026-11-25 08:30:45.549781+00', '2026-11-25 08:30:45.549827+00', '2026-11-25 08:30:45.549836+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('ประสิทธิ์ ทองดี', 'เทศบาลเมืองศิลา (นายก อบต.)', 'local_government', 23, 2, '3bc34f86060de1a4fe4150a2925d17a644eafce5270cc2496f2e3e78f18f5665', '2026-11-25 08:30:45.551119+00', '2026-11-25 08:30:45.551164+00', '2026-11-25 08:30:45.551173+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('อรอุมา พิมพ์ศรี', 'กองสวัสดิการสังคม เทศบาลเมืองศิลา', 'local_government', 24, 2, '3e0730091233f6018bfd88e5cfcb3f585ac59ac5b18623820d64eb6c94befdd5', '2026-11-25 08:30:45.552586+00', '2026-11-25 08:30:45.552633+00', '2026-11-25 08:30:45.552641+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('บุญมี ศรีสว่าง', 'คณะกรรมการกองทุนสวัสดิการชุมชนตำบลศิลา (ประธาน)', 'community', 25, 2, '7881b9c90f62db0e78237e10669ffbb14426a5e6eae3ccdfc1ae905ae5dbd43c', '2026-11-25 08:30:45.553977+00', '2026-11-25 08:30:45.554022+00', '2026-11-25 08:30:45.554031+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('คำปุ่น แสนโคตร', 'คณะกรรมการกองทุนสวัสดิการชุมชนตำบลศิลา (เหรัญญิก)', 'community', 26, 2, '05ec9e979c7b366f7941490f60746ae2ed4f973004bf90339b59fac6dfbc3903', '2026-11-25 08:30:45.555223+00', '2026-11-25 08:30:45.555268+00', '2026-11-25 08:30:45.555277+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('สมพร ภูมิสุข', 'อาสาสมัครพัฒนาสังคมและความมั่นคงของมนุษย์ (อพม.) ตำบลศิลา', 'community', 27, 2, 'c03cb72931880044492aa5c5aed296b2acadd07a031bdf1fa4a4e6f49c991f7d', '2026-11-25 08:30:45.556468+00', '2026-11-25 08:30:45.556513+00', '2026-11-25 08:30:45.556522+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('ทองใบ วงศ์ศรีชา', 'อาสาสมัครดูแลผู้สูงอายุที่บ้าน (อผส.) ตำบลศิลา', 'community', 28, 2, '9d94628dc7961bf68a448e159e9f69aca6dcf3f5e915c70ba6b1f3a083ec389d', '2026-11-25 08:30:45.557965+00', '2026-11-25 08:30:45.55801+00', '2026-11-25 08:30:45.558019+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('สมชาย นามวงศ์', 'ผู้ใหญ่บ้าน หมู่ที่ 5 ตำบลศิลา', 'community', 29, 2, '93792d37affe68eab8d09663d49011e71514dc7b2026dde9281d32a19fbcd6bf', '2026-11-25 08:30:45.559239+00', '2026-11-25 08:30:45.55929+00', '2026-11-25 08:30:45.559299+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('หนูเพียร ชัยมงคล', 'ชมรมผู้สูงอายุตำบลศิลา', 'community', 30, 2, '1375b0b064659be8c8f340b9a0068aa40f386a9cb6f108d6ae366055b976083f', '2026-11-25 08:30:45.560447+00', '2026-11-25 08:30:45.560491+00', '2026-11-25 08:30:45.5605+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('ธีระ อินทร์แก้ว', 'ชมรมคนพิการตำบลศิลา', 'community', 31, 2, '1e0cf92aff102af7f971e65049743495b3b33f72e977418b2192638527adebea', '2026-11-25 08:30:45.561641+00', '2026-11-25 08:30:45.561685+00', '2026-11-25 08:30:45.561694+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('ปิยะนุช จันทร์หอม', 'มูลนิธิพัฒนาคุณภาพชีวิตผู้สูงอายุอีสาน', 'public_benefit', 32, 2, 'c5a7b1b6d90a8c1c9624708d6e7c74ee16a93f3c01bc9eb528954f9da9e7ce78', '2026-11-25 08:30:45.56278+00', '2026-11-25 08:30:45.562824+00', '2026-11-25 08:30:45.562833+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('ผศ.ดร.กิตติศักดิ์ โพธิ์ศรี', 'คณะมนุษยศาสตร์และสังคมศาสตร์ มหาวิทยาลัยขอนแก่น', 'academic', 33, 2, '49ae1ecb427b67b27397b269b35bb0ba956d448f037d243ce72ac43a1716fc43', '2026-11-25 08:30:45.563924+00', '2026-11-25 08:30:45.56397+00', '2026-11-25 08:30:45.563978+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('พระอธิการสมบัติ ธมฺมวโร', 'วัดโนนศิลาราม', 'other', 34, 2, '9f6daed14dc6ea84cdc2fe50da80cf3f6f81da74df78eca6ec9ffacf23a22c08', '2026-11-25 08:30:45.565102+00', '2026-11-25 08:30:45.565146+00', '2026-11-25 08:30:45.565155+00');
INSERT INTO public.participant (display_name, organisation, sector, id, forum_id, token_hash, consented_at, created_at, updated_at) VALUES ('วีระพงษ์ แซ่ลิ้ม', 'ร้านศิลาวัสดุก่อสร้าง', 'other', 35, 2, '35c747c6dfee02a25b737ed2e22040f4686bbe21aba0fbb167f1c8bb380d9026', '2026-11-25 08:30:45.566273+00', '2026-11-25 08:30:45.566318+00', '2026-11-25 08:30:45.566328+00');


--
-- Data for Name: treetie; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.treetie (id, forum_id, root_id, fund_id, benefit_id, created_at) VALUES (1, 1, 1, 10, 20, '2026-11-25 08:30:45.536322+00');
INSERT INTO public.treetie (id, forum_id, root_id, fund_id, benefit_id, created_at) VALUES (2, 1, 2, 11, NULL, '2026-11-25 08:30:45.540262+00');


--
-- Name: actionitem_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.actionitem_id_seq', 10, true);


--
-- Name: commitment_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.commitment_id_seq', 16, true);


--
-- Name: contribution_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.contribution_id_seq', 68, true);


--
-- Name: forum_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.forum_id_seq', 3, true);


--
-- Name: participant_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.participant_id_seq', 35, true);


--
-- Name: treetie_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.treetie_id_seq', 2, true);


--
-- Name: actionitem actionitem_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.actionitem
    ADD CONSTRAINT actionitem_pkey PRIMARY KEY (id);


--
-- Name: actionitemcontribution actionitemcontribution_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.actionitemcontribution
    ADD CONSTRAINT actionitemcontribution_pkey PRIMARY KEY (action_item_id, contribution_id);


--
-- Name: commitment commitment_participant_id_action_item_id_text_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.commitment
    ADD CONSTRAINT commitment_participant_id_action_item_id_text_key UNIQUE (participant_id, action_item_id, text);


--
-- Name: commitment commitment_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.commitment
    ADD CONSTRAINT commitment_pkey PRIMARY KEY (id);


--
-- Name: contribution contribution_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contribution
    ADD CONSTRAINT contribution_pkey PRIMARY KEY (id);


--
-- Name: forum forum_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.forum
    ADD CONSTRAINT forum_pkey PRIMARY KEY (id);


--
-- Name: participant participant_forum_id_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.participant
    ADD CONSTRAINT participant_forum_id_token_hash_key UNIQUE (forum_id, token_hash);


--
-- Name: participant participant_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.participant
    ADD CONSTRAINT participant_pkey PRIMARY KEY (id);


--
-- Name: treetie treetie_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.treetie
    ADD CONSTRAINT treetie_pkey PRIMARY KEY (id);


--
-- Name: ix_actionitem_forum_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_actionitem_forum_id ON public.actionitem USING btree (forum_id);


--
-- Name: ix_commitment_action_item_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_commitment_action_item_id ON public.commitment USING btree (action_item_id);


--
-- Name: ix_commitment_forum_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_commitment_forum_id ON public.commitment USING btree (forum_id);


--
-- Name: ix_commitment_participant_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_commitment_participant_id ON public.commitment USING btree (participant_id);


--
-- Name: ix_contribution_forum_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_contribution_forum_id ON public.contribution USING btree (forum_id);


--
-- Name: ix_contribution_participant_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_contribution_participant_id ON public.contribution USING btree (participant_id);


--
-- Name: ix_forum_code; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_forum_code ON public.forum USING btree (code);


--
-- Name: ix_participant_forum_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_participant_forum_id ON public.participant USING btree (forum_id);


--
-- Name: ix_treetie_forum_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_treetie_forum_id ON public.treetie USING btree (forum_id);


--
-- Name: uq_contribution_visible_text; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX uq_contribution_visible_text ON public.contribution USING btree (participant_id, kind, text) WHERE ((status)::text = 'visible'::text);


--
-- Name: actionitem actionitem_forum_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.actionitem
    ADD CONSTRAINT actionitem_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;


--
-- Name: actionitemcontribution actionitemcontribution_action_item_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.actionitemcontribution
    ADD CONSTRAINT actionitemcontribution_action_item_id_fkey FOREIGN KEY (action_item_id) REFERENCES public.actionitem(id) ON DELETE CASCADE;


--
-- Name: actionitemcontribution actionitemcontribution_contribution_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.actionitemcontribution
    ADD CONSTRAINT actionitemcontribution_contribution_id_fkey FOREIGN KEY (contribution_id) REFERENCES public.contribution(id) ON DELETE CASCADE;


--
-- Name: commitment commitment_action_item_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.commitment
    ADD CONSTRAINT commitment_action_item_id_fkey FOREIGN KEY (action_item_id) REFERENCES public.actionitem(id) ON DELETE CASCADE;


--
-- Name: commitment commitment_forum_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.commitment
    ADD CONSTRAINT commitment_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;


--
-- Name: commitment commitment_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.commitment
    ADD CONSTRAINT commitment_participant_id_fkey FOREIGN KEY (participant_id) REFERENCES public.participant(id);


--
-- Name: contribution contribution_forum_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contribution
    ADD CONSTRAINT contribution_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;


--
-- Name: contribution contribution_merged_into_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contribution
    ADD CONSTRAINT contribution_merged_into_id_fkey FOREIGN KEY (merged_into_id) REFERENCES public.contribution(id);


--
-- Name: contribution contribution_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contribution
    ADD CONSTRAINT contribution_participant_id_fkey FOREIGN KEY (participant_id) REFERENCES public.participant(id);


--
-- Name: participant participant_forum_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.participant
    ADD CONSTRAINT participant_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;


--
-- Name: treetie treetie_benefit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.treetie
    ADD CONSTRAINT treetie_benefit_id_fkey FOREIGN KEY (benefit_id) REFERENCES public.contribution(id);


--
-- Name: treetie treetie_forum_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.treetie
    ADD CONSTRAINT treetie_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;


--
-- Name: treetie treetie_fund_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.treetie
    ADD CONSTRAINT treetie_fund_id_fkey FOREIGN KEY (fund_id) REFERENCES public.contribution(id);


--
-- Name: treetie treetie_root_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.treetie
    ADD CONSTRAINT treetie_root_id_fkey FOREIGN KEY (root_id) REFERENCES public.contribution(id);


--
-- PostgreSQL database dump complete
--

\unrestrict eoPzh89hOeLLzyHh14GZ5GuzZexbHqnn8hPB3sqbIe8dWWHFs4zBhoZmP9EK4rN

